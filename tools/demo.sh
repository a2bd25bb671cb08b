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
set -eu
cd "$(dirname "$0")/.."
tools/deps.sh

mkdir -p build
[ -f build/gcc/build.ninja ] || meson setup build/gcc >build/gcc.setup.log
[ -f build/cross/build.ninja ] ||
	meson setup build/cross --cross-file cross/aarch64-none.ini >build/cross.setup.log
ninja -C build/gcc >build/gcc.build.log || { tail -n 30 build/gcc.build.log; exit 1; }
ninja -C build/cross >build/cross.build.log || { tail -n 30 build/cross.build.log; exit 1; }

printf '== host: the badge server of SEMANTICS B3 on libipc\n'
build/gcc/examples/badge_server
printf '\n== the demo system (system/demo.sys), checked by tools/sysgen.py:\n'
sed -n '/^component/p; /^  restart/p' build/cross/system/demo-report.txt
printf '   (every cap and mapping: build/cross/system/demo-report.txt)\n'
printf '\n   Four stages: (a) the badge server, (b) 10^6 items over a SharedRing,\n'
printf '   (c) a NULL dereference reported by a fault handler, (d) the crasher failing\n'
printf '   on every 7th request: the loader (its supervisor) revokes each dead instance\n'
printf '   and starts a new one, 1000 times, while worker1..3 retry on PEER_GONE and\n'
printf '   check every answer; the tally then compares the kernel'"'"'s free pages and\n'
printf '   ASIDs with those before the first crash.\n'
printf '\n== QEMU virt, cortex-a53: booting the demo system\n'
timeout 120 python3 tools/qemu_virt.py build/cross/system/demo-kernel.elf
printf '\ndemo: done\n'
