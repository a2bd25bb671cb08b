#!/usr/bin/env python3
"""bench: the instruction-count IPC benchmark in QEMU (the `bench` target).

Boots the benchmark system (system/bench.sys) twice on QEMU virt,
cortex-a53, with `-icount shift=0` so the PMU's instructions-retired event
is exact (docs/benchmarking.md), checks that both runs printed identical counts,
and prints the table the bench client wrote (ours beside seL4's figures
measured the same way) plus SharedRing items per notification from the ring
stage. Exits non-zero if a run fails or the two runs differ.

With --up, the same system on the uniprocessor kernel (KERNEL_MAX_CPUS=1:
no kernel lock, as seL4's non-SMP configuration) is booted twice as well,
and the table gets a column for each kernel.

usage: bench.py [--qemu PATH] [--up UP_KERNEL.elf] KERNEL.elf
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


def tables_of(qemu, kernel):
    """Boot `kernel` twice; its table (the client's lines), both runs' text,
    and the rows that differ between the two runs."""
    runs = [run(qemu, kernel) for _ in range(2)]
    tables = [[l[len('bench: '):] for l in r if l.startswith('bench: ')] for r in runs]
    if not tables[0]:
        raise SystemExit('bench: no table in the output')
    differ = [(x, y) for x, y in zip(tables[0], tables[1]) if x != y]
    if len(tables[0]) != len(tables[1]):
        differ.append((f'{len(tables[0])} lines', f'{len(tables[1])} lines'))
    return tables[0], runs[0], differ


def cells(line):
    return [c.strip() for c in line.strip().strip('|').split('|')]


def merged(up, smp):
    """One table from the client's two (columns: operation, ours, min..max,
    samples = median, seL4): ours on each kernel, with min..max added where
    the samples were not all equal."""
    head = [l for l in smp if l.startswith('|')]
    cols = cells(head[0])
    ours, lo_hi, samples = cols.index('ours'), cols.index('min..max'), cols.index('samples = median')

    def figure(row):
        c = cells(row)
        n, k = c[samples].split('/')
        return c[ours] if n == k else f'{c[ours]} ({c[lo_hi]})'
    up_rows = {cells(l)[0]: l for l in up if l.startswith('|')}
    out = [l for l in smp if not l.startswith('|')]
    out.append('| ' + ' | '.join([cols[0], 'ours, uniprocessor kernel', 'ours, SMP kernel (kernel lock)']
                                 + cols[samples + 1:]) + ' |')
    out.append('|' + '---|' * (3 + len(cols) - samples - 1))
    for l in head[2:]:
        c = cells(l)
        u = figure(up_rows[c[0]]) if c[0] in up_rows else '-'
        out.append('| ' + ' | '.join([c[0], u, figure(l)] + c[samples + 1:]) + ' |')
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--qemu', default=qemu_virt.DEFAULT_QEMU)
    ap.add_argument('--up', metavar='UP_KERNEL', help='the same system on the uniprocessor kernel')
    ap.add_argument('kernel')
    a = ap.parse_args()
    table, text, differ = tables_of(a.qemu, a.kernel)
    if a.up:
        up_table, _, up_differ = tables_of(a.qemu, a.up)
        differ += up_differ
        table = merged(up_table, table)
    for l in table:
        print(l)
    text = '\n'.join(text)
    m = re.search(r'producer: (\d+) bursts, (\d+) data signals sent', text)
    items = re.search(r'producer pushed (\d+) items', text)
    if m and items:
        n, sig = int(items.group(1)), int(m.group(2))
        print(f'\nSharedRing: {n} items in bursts of 64 over a 1024-slot ring: {sig} data signals, '
              f'{n / max(sig, 1):.0f} items per notification')
    if differ:
        print('\nbench: the two runs differ:', file=sys.stderr)
        for x, y in differ:
            print(f'  {x}\n  {y}', file=sys.stderr)
        return 1
    print('\nbench: two runs' + (' of each kernel' if a.up else '') + ', identical counts')
    return 0


if __name__ == '__main__':
    sys.exit(main())
