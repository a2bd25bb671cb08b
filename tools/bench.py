#!/usr/bin/env python3
"""bench: the instruction-count IPC benchmark in QEMU (the `bench` target).

Boots the benchmark system (system/bench.sys) twice on QEMU virt,
cortex-a53, with `-icount shift=0` so the PMU's instructions-retired event
is exact (docs/benchmarking.md), checks that both runs printed identical counts,
and prints the table the bench client wrote (ours beside seL4's figures
measured the same way) plus SharedRing items per notification from the ring
stage. Exits non-zero if a run fails or the two runs differ.

usage: bench.py [--qemu PATH] KERNEL.elf
"""
import argparse
import re
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu_virt  # noqa: E402  (the one QEMU command line)


def run(qemu, kernel):
    cmd = qemu_virt.command(kernel, qemu=qemu, icount=True)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if p.returncode != 0 or 'not ok' in p.stdout:
        sys.stdout.write(p.stdout)
        raise SystemExit(f'bench: the benchmark system failed (QEMU status {p.returncode})')
    # The kernel prints each component line as "[name] text" (docs/kernel.md,
    # "Isolation"); the tables are the component's text.
    return [re.sub('^' + qemu_virt.THREAD_PREFIX, '', l.rstrip('\r')) for l in p.stdout.splitlines()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--qemu', default=qemu_virt.DEFAULT_QEMU)
    ap.add_argument('kernel')
    a = ap.parse_args()
    runs = [run(a.qemu, a.kernel) for _ in range(2)]
    tables = [[l[len('bench: '):] for l in r if l.startswith('bench: ')] for r in runs]
    if not tables[0]:
        raise SystemExit('bench: no table in the output')
    for l in tables[0]:
        print(l)
    text = '\n'.join(runs[0])
    m = re.search(r'producer: (\d+) bursts, (\d+) data signals sent', text)
    items = re.search(r'producer pushed (\d+) items', text)
    if m and items:
        n, sig = int(items.group(1)), int(m.group(2))
        print(f'\nSharedRing: {n} items in bursts of 64 over a 1024-slot ring: {sig} data signals, '
              f'{n / max(sig, 1):.0f} items per notification')
    if tables[0] != tables[1]:
        print('\nbench: the two runs differ:', file=sys.stderr)
        for x, y in zip(tables[0], tables[1]):
            if x != y:
                print(f'  {x}\n  {y}', file=sys.stderr)
        return 1
    print('\nbench: two runs, identical counts')
    return 0


if __name__ == '__main__':
    sys.exit(main())
