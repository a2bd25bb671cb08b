#!/usr/bin/env python3
"""qemu_virt: the one QEMU command line the project boots its kernels with.

Every boot of a kernel image goes through here: the boot-test runner
(tests/boot/run_boot_test.py), the benchmark (tools/bench.py), the demo
(tools/demo.sh) and the GDB recipe in the README. The machine is QEMU `virt`
with the RAM the board header gives the kernel (PLATFORM_RAM_SIZE in
platform/qemu-virt/board.h, 128 MiB, read the way sysgen reads it), the
PL011 on stdio, semihosting for the exit status and the trace file, and no
network card (`-nic none`): `virt` adds a virtio NIC by default, whose
option ROM (efi-virtio.rom, package ipxe-qemu) a minimal Debian does not
have, and the kernel has no use for it.

As a program it boots KERNEL.elf with the console on this terminal:
    tools/qemu_virt.py [--cpu MODEL] [--machine virt[,virtualization=on]]
                       [--smp N|max] [--icount | --mttcg] [--gdb] [--print]
                       [--trace-dir DIR] KERNEL.elf
--smp N boots N cores (QEMU -smp; "max": PLATFORM_MAX_CPUS of board.h);
--mttcg runs each core on its own host thread (-accel tcg,thread=multi),
so the guest's cores execute truly in parallel; -icount needs the cores run
in turn on one thread, so the two exclude each other; with neither, several
cores get a host thread each only if the host has a core for each, and run
in turn on one thread otherwise (accel_for()): more busy vCPUs than host
cores make a vCPU spin for the kernel's ticket lock on the host core the
next ticket's holder needs (docs/smp.md, "Tests and measurement");
--gdb waits at the first instruction with the GDB stub on :1234 (-s -S);
--print prints the command line instead of running it; --trace-dir runs
QEMU in DIR (made if missing), where semihosting file output lands: a
kernel built with -Dtrace=true writes ipc-trace.bin there at halt
(semihosting opens files relative to QEMU's working directory; the
-semihosting-config above is all it needs).
"""
import argparse
import os
import shlex
import sys

import sysgen  # its strict reader of C #defines

BOARD_H = os.path.join(sysgen.ROOT, 'platform', 'qemu-virt', 'board.h')
SYSCALL_H = os.path.join(sysgen.ROOT, 'kernel', 'uapi', 'include', 'uapi', 'syscall.h')

# The kernel starts each console line of a named thread with "[name] "
# (docs/kernel.md, "Isolation"): 1..KABI_NAME_MAX of [A-Za-z0-9_.-].
# THREAD_PREFIX matches it and captures the name.
NAME_MAX = sysgen.c_defines(SYSCALL_H, ('KABI_NAME_MAX',))['KABI_NAME_MAX']
THREAD_PREFIX = r'\[([A-Za-z0-9_.-]{1,%d})\] ' % NAME_MAX

DEFAULT_QEMU = 'qemu-system-aarch64'
DEFAULT_CPU = 'cortex-a53'
DEFAULT_MACHINE = 'virt'


def max_cpus():
    """The most cores the kernel runs on (PLATFORM_MAX_CPUS in board.h)."""
    return sysgen.c_defines(BOARD_H, ('PLATFORM_MAX_CPUS',))['PLATFORM_MAX_CPUS']


def command(kernel, cpu=DEFAULT_CPU, machine=DEFAULT_MACHINE, qemu=DEFAULT_QEMU,
            icount=False, extra=(), smp=1, mttcg=False):
    """The argument vector that boots KERNEL on SMP cores; EXTRA is appended
    as given. MTTCG: a host thread per core (QEMU's multi-threaded TCG),
    which -icount excludes (QEMU refuses the pair)."""
    if icount and mttcg:
        raise ValueError('qemu_virt: -icount runs the cores in turn on one thread: no --mttcg with it')
    ram = sysgen.c_defines(BOARD_H, ('PLATFORM_RAM_SIZE',))['PLATFORM_RAM_SIZE']
    cmd = [qemu, '-M', machine, '-cpu', cpu, '-m', f'{ram >> 20}M', '-nic', 'none',
           '-display', 'none', '-serial', 'stdio', '-monitor', 'none',
           '-semihosting-config', 'enable=on,target=native', '-no-reboot',
           '-kernel', kernel]
    if smp != 1:
        cmd += ['-smp', str(smp)]
    if icount:
        # The PMU's instructions-retired event is exact only with -icount
        # shift=0 (docs/benchmarking.md).
        cmd += ['-icount', 'shift=0']
    if mttcg:
        cmd += ['-accel', 'tcg,thread=multi']
    return cmd + list(extra)


def host_cores():
    """The host cores this process may run on."""
    return len(os.sched_getaffinity(0))


def accel_for(smp, cores):
    """QEMU's TCG threading for SMP guest cores on a host with CORES: a host
    thread per vCPU when each gets a host core, else the vCPUs in turn on
    one thread."""
    return 'tcg,thread=multi' if smp <= cores else 'tcg,thread=single'


def smp_count(arg):
    """--smp's value: a core count, "max" for board.h's."""
    n = max_cpus() if arg == 'max' else int(arg)
    if not 1 <= n <= max_cpus():
        sys.exit(f'qemu_virt: --smp {arg}: the kernel runs on 1..{max_cpus()} cores')
    return n


def main():
    ap = argparse.ArgumentParser(description='Boot a kernel image on QEMU virt.')
    ap.add_argument('--qemu', default=DEFAULT_QEMU)
    ap.add_argument('--cpu', default=DEFAULT_CPU)
    ap.add_argument('--machine', default=DEFAULT_MACHINE)
    ap.add_argument('--icount', action='store_true', help='count instructions exactly (-icount shift=0)')
    ap.add_argument('--mttcg', action='store_true',
                    help='a host thread per core, truly parallel (-accel tcg,thread=multi)')
    ap.add_argument('--smp', default='1',
                    help='cores: a number, or "max" for PLATFORM_MAX_CPUS (board.h)')
    ap.add_argument('--gdb', action='store_true', help='wait for GDB on :1234 (-s -S)')
    ap.add_argument('--print', action='store_true', help='print the command line, do not run it')
    ap.add_argument('--trace-dir', help='run QEMU in this directory (the trace file lands there)')
    ap.add_argument('kernel')
    a = ap.parse_args()
    if a.icount and a.mttcg:
        ap.error('--icount runs the cores in turn on one host thread: it excludes --mttcg')
    if not os.path.isfile(a.kernel):
        sys.exit(f'qemu_virt: no kernel image {a.kernel} (build it first: make all)')
    smp = smp_count(a.smp)
    extra = ['-s', '-S'] if a.gdb else []
    if smp > 1 and not a.icount and not a.mttcg:
        cores = host_cores()
        extra += ['-accel', accel_for(smp, cores)]
        if smp > cores:
            print(f'qemu_virt: {smp} cores on a host with {cores}: the cores run in turn on one host '
                  'thread (--mttcg forces one thread each)', file=sys.stderr)
    cmd = command(os.path.abspath(a.kernel), a.cpu, a.machine, a.qemu, a.icount, extra, smp=smp,
                  mttcg=a.mttcg)
    if a.print:
        print(shlex.join(cmd))
        return 0
    if a.trace_dir:
        os.makedirs(a.trace_dir, exist_ok=True)
        os.chdir(a.trace_dir)
    try:
        os.execvp(cmd[0], cmd)
    except OSError as e:
        sys.exit(f'qemu_virt: cannot run {cmd[0]}: {e.strerror} (tools/deps.sh installs it)')


if __name__ == '__main__':
    sys.exit(main())
