#!/usr/bin/env python3
"""bench: the instruction-count IPC benchmark in QEMU (the `bench` target).

Boots the benchmark system (system/bench.sys) twice on QEMU virt,
cortex-a53, with `-icount shift=0` so the PMU's instructions-retired event
is exact (docs/benchmarking.md), checks that both runs printed identical counts,
and prints the table the bench client wrote (ours beside seL4's figures
measured the same way) plus SharedRing items per notification from the ring
stage. Exits non-zero if a run fails or the two runs differ.

The SMP kernel is booted on two cores (BENCH_OTHER_CORE + 1, bench.h),
where the client also Calls the server moved to the other core: a
cross-core round trip row (QEMU runs the cores in turn under -icount, so
the count stays exact and covers both cores' instructions).

With --up, the same system on the uniprocessor kernel (KERNEL_MAX_CPUS=1:
no kernel lock, as seL4's non-SMP configuration) is booted twice as well,
on one core, and the table gets a column for each kernel ('-' in the
uniprocessor column for rows it has no core for).

With --ring ONE.elf TWO.elf (the same ring system built with both sides on
one core and on TWO_CORES cores, --ring-cpus), each is booted once under
multi-threaded TCG (a host thread per core, no -icount) and the consumer's
items per second, from the generic timer, are printed with their ratio.
A timing: printed as a figure, never checked.

usage: bench.py [--qemu PATH] [--up UP_KERNEL.elf]
                [--ring ONE.elf TWO.elf --ring-cpus N] KERNEL.elf
"""
import argparse
import re
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu_virt  # noqa: E402  (the one QEMU command line)


BENCH_H = os.path.join(qemu_virt.sysgen.ROOT, 'system', 'bench', 'bench.h')


def run(qemu, kernel, smp=1, mttcg=False, timeout=120):
    cmd = qemu_virt.command(kernel, qemu=qemu, icount=not mttcg, smp=smp, mttcg=mttcg)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0 or 'not ok' in p.stdout:
        sys.stdout.write(p.stdout)
        raise SystemExit(f'bench: the benchmark system failed (QEMU status {p.returncode})')
    # The kernel prints each component line as "[name] text" (docs/kernel.md,
    # "Isolation"); the tables are the component's text.
    return [re.sub('^' + qemu_virt.THREAD_PREFIX, '', l.rstrip('\r')) for l in p.stdout.splitlines()]


def tables_of(qemu, kernel, smp=1):
    """Boot `kernel` twice on SMP cores; its table (the client's lines),
    both runs' text, and the rows that differ between the two runs."""
    runs = [run(qemu, kernel, smp) for _ in range(2)]
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
    first = smp.index(head[0])
    out = [l for l in smp[:first] if not l.startswith('|')]
    out.append('| ' + ' | '.join([cols[0], 'ours, uniprocessor kernel', 'ours, SMP kernel (kernel lock)']
                                 + cols[samples + 1:]) + ' |')
    out.append('|' + '---|' * (3 + len(cols) - samples - 1))
    for l in head[2:]:
        c = cells(l)
        u = figure(up_rows[c[0]]) if c[0] in up_rows else '-'
        out.append('| ' + ' | '.join([c[0], u, figure(l)] + c[samples + 1:]) + ' |')
    return out + [l for l in smp[first:] if not l.startswith('|')]


def ring_rate(qemu, kernel, smp):
    """Boot the ring system once under multi-threaded TCG: (items, items
    per second) from the consumer's line."""
    text = '\n'.join(run(qemu, kernel, smp, mttcg=True, timeout=600))
    m = re.search(r'consumer: (\d+) items in (\d+) us', text)
    if not m:
        raise SystemExit(f'bench: no "consumer: N items in T us" line from {kernel}')
    n, us = int(m.group(1)), int(m.group(2))
    return n, n * 1e6 / max(us, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--qemu', default=qemu_virt.DEFAULT_QEMU)
    ap.add_argument('--up', metavar='UP_KERNEL', help='the same system on the uniprocessor kernel')
    ap.add_argument('--ring', nargs=2, metavar=('ONE_CORE', 'TWO_CORES'),
                    help='the ring system with both sides on one core, and on --ring-cpus cores')
    ap.add_argument('--ring-cpus', type=qemu_virt.smp_count, default=None,
                    help="the cores TWO_CORES needs (its description's cpus=)")
    ap.add_argument('kernel')
    a = ap.parse_args()
    if a.ring and a.ring_cpus is None:
        ap.error('--ring needs --ring-cpus')
    other = qemu_virt.sysgen.c_defines(BENCH_H, ('BENCH_OTHER_CORE',))['BENCH_OTHER_CORE']
    table, text, differ = tables_of(a.qemu, a.kernel, qemu_virt.smp_count(str(other + 1)))
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
    if a.ring:
        n1, one = ring_rate(a.qemu, a.ring[0], 1)
        n2, two = ring_rate(a.qemu, a.ring[1], a.ring_cpus)
        print(f'\nSharedRing under multi-threaded TCG (a host thread per core, wall-clock time from '
              f'the generic timer, not exact): {n1} items with both sides on one core '
              f'{one / 1e6:.2f} M items/s, {n2} items with the sides on two cores {two / 1e6:.2f} '
              f'M items/s: {two / max(one, 1e-9):.2f} x')
    if differ:
        print('\nbench: the two runs differ:', file=sys.stderr)
        for x, y in differ:
            print(f'  {x}\n  {y}', file=sys.stderr)
        return 1
    print('\nbench: two runs' + (' of each kernel' if a.up else '') + ', identical counts')
    return 0


if __name__ == '__main__':
    sys.exit(main())
