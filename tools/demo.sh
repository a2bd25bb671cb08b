#!/bin/sh
# The main job: build everything (host and ARM64), then show the system
# working: the B3 badge server on the host, and the kernel booted in QEMU
# running components in their own address spaces (the badge server across
# address spaces, then faulting components reported to their handler while
# the rest runs on). Each QEMU run ends by itself with the root task's
# status.
set -eu
cd "$(dirname "$0")/.."
tools/deps.sh

mkdir -p build
[ -f build/gcc/build.ninja ] || meson setup build/gcc >build/gcc.setup.log
[ -f build/cross/build.ninja ] ||
	meson setup build/cross --cross-file cross/aarch64-none.ini >build/cross.setup.log
ninja -C build/gcc >build/gcc.build.log || { tail -n 30 build/gcc.build.log; exit 1; }
ninja -C build/cross >build/cross.build.log || { tail -n 30 build/cross.build.log; exit 1; }

boot() { # title, cpu, image
	printf '\n== QEMU virt, %s: %s\n' "$2" "$1"
	timeout 60 qemu-system-aarch64 -M virt -cpu "$2" -m 128M -nographic \
		-semihosting-config enable=on,target=native -kernel "build/cross/tests/boot/$3-kernel.elf"
}

printf '== host: the badge server of SEMANTICS B3 on libipc\n'
build/gcc/examples/badge_server
boot "badge server, ReplyRecv loop, non-blocking ops and cap ops across address spaces" \
	cortex-a72 server
boot "faults (unmapped, kernel memory, W^X, undefined instruction) go to the handler" \
	cortex-a72 fault
boot "timer preemption of spinning low-priority components" cortex-a53 preempt
printf '\ndemo: done\n'
