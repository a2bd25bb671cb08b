#!/bin/sh
# Style check: every C source and header in the tree matches .clang-format.
# Lists the files that do not, with clang-format's own diagnostics.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
files=$(find libipc kernel platform user common system tests fuzz examples bench \
	-name '*.[ch]' -not -path '*/corpus/*' | sort)
out=$(clang-format --dry-run $files 2>&1 || true)
if [ -n "$out" ]; then
	echo "$out" | grep 'warning:' | cut -d: -f1 | sort | uniq -c
	echo "not formatted: run clang-format -i on the files above"
	exit 1
fi
echo "ok: $(echo "$files" | wc -l) files match .clang-format"
