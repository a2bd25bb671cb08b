#!/usr/bin/env python3
"""queue_bench: instructions per libipc queue operation with 1 and 1000 waiters.

Runs bench/queue_bench under `valgrind --tool=callgrind` (exact, repeatable
instruction counts: docs/benchmarking.md). The program brackets each
measured operation with callgrind client requests and dumps it under its own
name; this script reads the dumps and prints, per operation, the count with
1 waiter, with 1000, and their ratio against the target of 1.2x (issue:
queue costs that do not grow with queue length). Exits non-zero if the
program's own order checks fail or a dump is missing.

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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--valgrind', default='valgrind')
    ap.add_argument('bench')
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, 'cg.out')
        p = subprocess.run([a.valgrind, '--tool=callgrind', '--collect-atstart=no',
                            f'--callgrind-out-file={out}', a.bench],
                           capture_output=True, text=True)
        if p.returncode != 0:
            sys.stderr.write(p.stderr)
            return f'queue_bench: the benchmark failed (status {p.returncode})'
        counts = {}
        for f in glob.glob(out + '.*'):
            text = open(f).read()
            name = re.search(r'^desc: Trigger: Client Request: (\S+)', text, re.M)
            total = re.search(r'^totals: (\d+)', text, re.M)
            if name and total and not name.group(1).startswith('warmup:'):
                op, n = name.group(1).rsplit('/', 1)
                counts.setdefault(op, {})[int(n)] = int(total.group(1))
    if not counts:
        return 'queue_bench: no measurements in the callgrind dumps'
    print('libipc queue operations, instructions (callgrind, x86-64 host):')
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
