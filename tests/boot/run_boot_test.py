#!/usr/bin/env python3
"""Boot-test runner: boot one kernel image in QEMU and turn its console into
TAP for `meson test` (protocol 'tap').

The kernel's root task and components print TAP lines ("1..N", "ok - ...",
"not ok - ...") on the PL011 console; the root task ends QEMU through the
kernel (PSCI SYSTEM_OFF for status 0, semihosting SYS_EXIT otherwise).

Who said what: the kernel prints every line a component writes as
"[name] text" (name = the thread's name, non-printable bytes escaped), so a
line that does not start with "[" is the kernel's own and no component can
forge one (docs/kernel.md, "Isolation"). The verdict rests on kernel-owned
lines and the exit status: a kernel line starting "PANIC" fails the test,
and the test passes only if the kernel printed "kernel: halt requested by
thread N (root), status 0" and QEMU exited with 0, "kernel: invariants
hold: ..." after it (the kernel's own check of its state at halt; a line
"kernel: INVARIANT BROKEN: ..." fails the test), and "kernel: N cores
online" (or "1 core") with N the cores --smp asked QEMU for. TAP lines are taken from
component lines (prefix removed), the plan only from the root task's; every
other line becomes a TAP comment. A component that prints fake TAP can make
the count disagree with the plan, which fails the test, never pass it.

usage: run_boot_test.py [--qemu PATH] [--cpu MODEL] [--timeout SECONDS]
                        [--machine virt[,virtualization=on]] [--smp N|max]
                        [--mttcg] [--qemu-arg=ARG ...] KERNEL.elf
--mttcg: a host thread per core (tools/qemu_virt.py), the cores truly parallel.
"""
import argparse
import os
import queue
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tools'))
import qemu_virt  # noqa: E402  (the one QEMU command line)


COMPONENT_LINE = re.compile(qemu_virt.THREAD_PREFIX + r'(.*)$')
ONLINE_LINE = re.compile(r'kernel: (\d+) cores? online$')
HOLD_LINE = re.compile(r'kernel: invariants hold: ')
BROKEN_LINE = re.compile(r'kernel: INVARIANT BROKEN: (.*)$')
HALT_LINE = re.compile(r'kernel: halt requested by thread \d+ \(([A-Za-z0-9_.-]+)\), status (-?\d+)')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--qemu', default=qemu_virt.DEFAULT_QEMU)
    ap.add_argument('--cpu', default=qemu_virt.DEFAULT_CPU)
    ap.add_argument('--machine', default=qemu_virt.DEFAULT_MACHINE)
    ap.add_argument('--timeout', type=float, default=30)
    ap.add_argument('--smp', default='1', help='cores: a number, or "max" (board.h)')
    ap.add_argument('--mttcg', action='store_true',
                    help='a host thread per core: the cores run truly in parallel')
    ap.add_argument('--qemu-arg', action='append', default=[],
                    help='extra QEMU argument, e.g. --qemu-arg=-icount --qemu-arg=shift=0')
    ap.add_argument('kernel')
    a = ap.parse_args()

    smp = qemu_virt.smp_count(a.smp)
    cmd = qemu_virt.command(a.kernel, a.cpu, a.machine, a.qemu, extra=a.qemu_arg, smp=smp,
                            mttcg=a.mttcg)
    print(f'# {" ".join(cmd)}', flush=True)
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    lines = queue.Queue()

    def reader():
        for raw in p.stdout:
            lines.put(raw.decode('utf-8', 'replace').rstrip('\r\n'))
        lines.put(None)

    threading.Thread(target=reader, daemon=True).start()
    deadline = time.monotonic() + a.timeout
    plan = None
    results = 0
    failed = None
    halt = None  # (name, status) from the kernel's halt line
    online = None  # cores the kernel reported online
    hold = False  # the kernel's invariant check passed, after the halt line
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            failed = f'timeout after {a.timeout:g} s'
            break
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            continue
        if line is None:
            break
        m = COMPONENT_LINE.match(line)
        if m is None and not line.startswith('['):  # the kernel's own line
            print(f'# {line}', flush=True)
            if line.lstrip().startswith('PANIC'):
                failed = 'kernel panic'
                break
            o = ONLINE_LINE.search(line)
            if o and online is None:
                online = int(o.group(1))
            h = HALT_LINE.search(line)
            if h:
                halt = (h.group(1), int(h.group(2)))
            b = BROKEN_LINE.search(line)
            if b:
                failed = f'kernel invariant broken at halt: {b.group(1)}'
                break
            if halt is not None and HOLD_LINE.search(line):
                hold = True
            continue
        s = m.group(2).strip() if m else ''
        if m and s.startswith('1..') and plan is None and m.group(1) == 'root':
            plan = int(s[3:].split()[0])
            print(s, flush=True)
        elif m and (s.startswith('ok') or s.startswith('not ok')):
            results += 1
            print(s, flush=True)
        else:
            print(f'# {line}', flush=True)
    if p.poll() is None:
        p.kill()
    rc = p.wait()
    if failed is None and rc != 0:
        failed = f'QEMU exit status {rc}'
    if failed is None and halt is None:
        failed = 'the kernel never reported a halt'
    if failed is None and halt[1] != 0:
        failed = f'{halt[0]} halted with status {halt[1]}'
    if failed is None and not hold:
        failed = 'the kernel never reported its invariants hold at halt'
    if failed is None and online != smp:
        failed = f'cores online: the kernel reported {online}, QEMU was given {smp}'
    if failed is None and plan is None:
        failed = 'no TAP plan on the console'
    if failed is None and results != plan:
        failed = f'{results} results for a plan of {plan}'
    if failed:
        print(f'Bail out! {failed}', flush=True)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
