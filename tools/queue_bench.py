#!/usr/bin/env python3
"""queue_bench: instructions per libipc queue operation with 1 and 1000 waiters.

Runs bench/queue_bench under `valgrind --tool=callgrind` (exact, repeatable
instruction counts: docs/benchmarking.md). The program brackets each
measured operation with callgrind client requests and dumps it under its own
name; this script reads the dumps and prints, per operation, the count with
1 waiter, with 1000, and their ratio against the target of 1.2x (issue:
queue costs that do not grow with queue length). It runs the program twice
and exits non-zero if the two runs count differently, if the program's own
order checks fail or if a dump is missing.

usage: queue_bench.py [--valgrind PATH] QUEUE_BENCH
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

TARGET = 1.2


def callgrind_counts(valgrind, bench, tool):
    """Run `bench` under callgrind; {dump name: instructions} for every dump
    the program made (warm-up dumps left out). Exits on failure."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, 'cg.out')
        p = subprocess.run([valgrind, '--tool=callgrind', '--collect-atstart=no',
                            f'--callgrind-out-file={out}', bench],
                           capture_output=True, text=True)
        if p.returncode != 0:
            sys.stderr.write(p.stderr)
            raise SystemExit(f'{tool}: the benchmark failed (status {p.returncode})')
        counts = {}
        for f in glob.glob(out + '.*'):
            text = open(f).read()
            name = re.search(r'^desc: Trigger: Client Request: (.+)$', text, re.M)
            total = re.search(r'^totals: (\d+)', text, re.M)
            if name and total and not name.group(1).startswith('warmup:'):
                counts[name.group(1)] = int(total.group(1))
    if not counts:
        raise SystemExit(f'{tool}: no measurements in the callgrind dumps')
    return counts


def counted_twice(valgrind, bench, tool):
    """callgrind_counts() of two runs, which must agree (exits if not)."""
    runs = [callgrind_counts(valgrind, bench, tool) for _ in range(2)]
    if runs[0] != runs[1]:
        for k in sorted(set(runs[0]) | set(runs[1])):
            if runs[0].get(k) != runs[1].get(k):
                print(f'  {k}: {runs[0].get(k)} then {runs[1].get(k)}', file=sys.stderr)
        raise SystemExit(f'{tool}: the two runs differ')
    return runs[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--valgrind', default='valgrind')
    ap.add_argument('bench')
    a = ap.parse_args()
    counts = {}
    for name, total in counted_twice(a.valgrind, a.bench, 'queue_bench').items():
        op, n = name.rsplit('/', 1)
        counts.setdefault(op, {})[int(n)] = total
    print('libipc queue operations, instructions (callgrind, x86-64 host, two runs identical):')
    print(f'| operation | 1 waiter | 1000 waiters | ratio | target <= {TARGET}x |')
    print('|---|---|---|---|---|')
    for op in sorted(counts):
        one, many = counts[op].get(1), counts[op].get(1000)
        if one is None or many is None:
            return f'queue_bench: {op}: a measurement is missing'
        ratio = many / one
        print(f'| {op} | {one} | {many} | {ratio:.2f}x | {"met" if ratio <= TARGET else "not met"} |')
    return 0


if __name__ == '__main__':
    sys.exit(main())
