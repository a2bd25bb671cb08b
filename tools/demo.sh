#!/bin/sh
# The main job: build everything (host and ARM64), then show the system
# working: the B3 badge server on the host, then the demo system described
# in system/demo.sys booted in QEMU: its loader builds every component from
# the description and runs (a) the badge server across address spaces,
# (b) 10^6 items over a SharedRing with suppressed notifications, (c) a
# component faulting on a bad pointer, reported by its handler while the
# system runs on, (d) a server that crashes on every 7th request, restarted
# 1000 times by the loader (its supervisor) while three clients finish all
# their work, with the kernel's free memory and ASIDs equal before and
# after. QEMU ends by itself with the root task's status.
#
# usage: tools/demo.sh [--smp N|max]   (make qemu [SMP=N])
# --smp N with N > 1 boots the same system placed on several cores (the
# cpu= of system/demo.sys, image demo-cores) on N cores; N must be at least
# the description's cpus=. Without it, or with N = 1, the demo runs on one
# core (image demo: sysgen --cores 1).
set -eu
cd "$(dirname "$0")/.."
smp=1
case "$#:${1:-}" in
0:) ;;
2:--smp) smp=$2 ;;
*) echo "usage: tools/demo.sh [--smp N|max]" >&2; exit 2 ;;
esac
tools/deps.sh # first: what follows needs python3, which a fresh machine lacks
need=$(python3 tools/sysgen.py --cpus system/demo.sys)
max=$(cd tools && python3 -c 'import qemu_virt; print(qemu_virt.max_cpus())')
case "$smp" in
max) smp=$max ;;
'' | *[!0-9]*) smp=0 ;;
esac
if [ "$smp" -gt "$max" ] || { [ "$smp" -ne 1 ] && [ "$smp" -lt "$need" ]; }; then
	range=$need; [ "$need" -eq "$max" ] || range="$need to $max"
	echo "demo: --smp wants 1, or $range (system/demo.sys places components on $need cores)" >&2
	exit 2
fi
image=demo
[ "$smp" -eq 1 ] || image=demo-cores

mkdir -p build
[ -f build/gcc/build.ninja ] || meson setup build/gcc >build/gcc.setup.log
[ -f build/cross/build.ninja ] ||
	meson setup build/cross --cross-file cross/aarch64-none.ini >build/cross.setup.log
ninja -C build/gcc >build/gcc.build.log || { tail -n 30 build/gcc.build.log; exit 1; }
ninja -C build/cross >build/cross.build.log || { tail -n 30 build/cross.build.log; exit 1; }

printf '== host: the badge server of SEMANTICS B3 on libipc\n'
build/gcc/examples/badge_server
printf '\n== the demo system (system/demo.sys), checked by tools/sysgen.py:\n'
sed -n '/^component/p; /^  restart/p' build/cross/system/$image-report.txt
printf '   (every cap and mapping: build/cross/system/%s-report.txt)\n' "$image"
printf '\n   Four stages: (a) the badge server, (b) 10^6 items over a SharedRing,\n'
printf '   (c) a NULL dereference reported by a fault handler, (d) the crasher failing\n'
printf '   on every 7th request: the loader (its supervisor) revokes each dead instance\n'
printf '   and starts a new one, 1000 times, while worker1..3 retry on PEER_GONE and\n'
printf '   check every answer; the tally then compares the kernel'"'"'s free pages and\n'
printf '   ASIDs with those before the first crash.\n'
printf '\n== QEMU virt, cortex-a53, %s core(s): booting the demo system\n' "$smp"
timeout 120 python3 tools/qemu_virt.py --smp "$smp" "build/cross/system/$image-kernel.elf"
printf '\ndemo: done\n'
