#!/bin/sh
# Check spin/ring.pml exhaustively with SPIN for one capacity.
# usage: run_spin.sh SPIN CC MODEL CAPACITY expect-pass|expect-lost-wakeup
#   expect-pass:        the protocol as in ring.h/ring.c; fails on any error
#                       (assertion, invalid end state = lost wake-up or
#                       deadlock), on an unreached state (an assertion that
#                       can never fire is no check) or a truncated search.
#   expect-lost-wakeup: negative control with the full fences removed
#                       (-DNO_FENCE); fails unless SPIN finds the lost wake-up.
set -eu
spin=$1 cc=$2 model=$3 cap=$4 mode=$5
dir=$(mktemp -d "${TMPDIR:-/tmp}/ring-spin.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cp "$model" "$dir/ring.pml"
cd "$dir"
defs="-DN=$cap"
[ "$mode" = expect-lost-wakeup ] && defs="$defs -DNO_FENCE"
"$spin" -a $defs ring.pml
"$cc" -O2 -DSAFETY -o pan pan.c
./pan -m10000000 > pan.out 2>&1 || true
cat pan.out
if grep -q "depth too small" pan.out; then
	echo "FAIL: search truncated"; exit 1
fi
case $mode in
expect-pass)
	grep -q "errors: 0\$" pan.out || { echo "FAIL: SPIN reported errors (N=$cap)"; exit 1; }
	if grep -q "ring.pml:[0-9]*, state" pan.out; then
		echo "FAIL: unreached states (a check that can never fire) (N=$cap)"; exit 1
	fi
	echo "PASS: N=$cap exhaustive, no error, every state reached" ;;
expect-lost-wakeup)
	grep -q "invalid end state" pan.out || { echo "FAIL: model without fences not caught (N=$cap)"; exit 1; }
	echo "PASS: without the full fences SPIN finds the lost wake-up (N=$cap)" ;;
*)
	echo "usage: $0 SPIN CC MODEL CAPACITY expect-pass|expect-lost-wakeup"; exit 2 ;;
esac
