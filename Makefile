# Thin convenience layer over Meson, for xv6/LK habits. The real work is in
# tools/*.sh and the meson.build files.
.PHONY: all qemu check bench kwork trace trace-docs coverage mutants clean

all:
	tools/deps.sh
	[ -f build/gcc/build.ninja ] || meson setup build/gcc --werror
	[ -f build/cross/build.ninja ] || meson setup build/cross --werror --cross-file cross/aarch64-none.ini
	ninja -C build/gcc && ninja -C build/cross

# make qemu SMP=4: the demo placed on four cores (system/demo.sys's cpu=).
qemu:
	tools/demo.sh $(if $(SMP),--smp $(SMP))

check:
	tools/check.sh

# Instruction counts of IPC in QEMU (exact, repeatable), then of libipc's
# queue operations with 1 and 1000 waiters and of its fast-path primitives
# (callgrind on the host), then the host SharedRing benchmark against DPDK,
# Concurrency Kit and Boost rings. Each count is taken twice; a difference
# fails the target.
bench: all
	ninja -C build/cross bench
	python3 tools/queue_bench.py build/gcc/bench/queue_bench
	python3 tools/fastpath_bench.py build/gcc/bench/fastpath_bench
	build/gcc/bench/ring_bench

# How long the kernel's longest operations run with interrupts masked, in
# instructions under -icount (the kwork boot test: SpaceMap, SpaceUnmap,
# deleting a space with many mappings, cancel-all, revoking 1000 derived caps,
# destroying a thread with 60 callers, revoking an untyped).
kwork: all
	tools/qemu_virt.py --icount build/cross/system/kwork-kernel.elf </dev/null | grep 'kwork:'

# The demo on the kernel with its IPC trace, under -icount: build/trace/ gets
# the raw trace, trace.json (Perfetto / chrome://tracing), trace.svg (a
# sequence diagram) and counts.txt (docs/kernel.md, "IPC trace").
trace: all
	ninja -C build/cross system/demo-trace-kernel.elf
	rm -f build/trace/ipc-trace.bin
	tools/qemu_virt.py --icount --trace-dir build/trace build/cross/system/demo-trace-kernel.elf </dev/null
	tools/trace.py build/trace/ipc-trace.bin --system build/cross/system/demo-report.json \
		--json build/trace/trace.json \
		--svg build/trace/trace.svg --table build/trace/counts.txt
	@echo "trace: build/trace/trace.json trace.svg counts.txt"

# Regenerate docs/trace-badge.svg (the README's picture; the trace-badge boot
# test fails when it no longer matches the code).
trace-docs: all
	ninja -C build/cross system/sys-badge-trace-kernel.elf
	tests/boot/trace_badge.py --update build/cross/system/sys-badge-trace-kernel.elf \
		build/cross/system/sys-badge-report.json

# Line and branch coverage of libipc from unit tests and fuzz corpus replay.
coverage:
	tools/coverage.sh

# Mutation run: break a private copy of libipc one mutant at a time (ring
# memory orders and fences, check order, semantics) and report which check
# catches each and how fast. A few minutes; not part of `make check`.
mutants:
	tools/deps.sh
	tools/fuzz_mutants.sh

clean:
	rm -rf build
