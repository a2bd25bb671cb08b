#!/usr/bin/env python3
"""fastpath_bench: instructions per libipc fast-path primitive (host).

Runs bench/fastpath_bench twice under `valgrind --tool=callgrind` (exact,
repeatable counts: docs/benchmarking.md) and prints, per primitive of
<ipc/fastpath.h>, what it costs inside libipc, beside the slow operations
they stand in for (with empty hooks), less what an empty measurement
counts. Exits non-zero if the two runs differ,
the program's own checks fail or there is nothing to report.

usage: fastpath_bench.py [--valgrind PATH] FASTPATH_BENCH
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from queue_bench import counted_twice  # noqa: E402  (the same callgrind run)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--valgrind', default='valgrind')
    ap.add_argument('bench')
    a = ap.parse_args()
    counts = counted_twice(a.valgrind, a.bench, 'fastpath_bench')
    base = [k for k in counts if k.startswith('(nothing')]
    if len(base) != 1:
        return 'fastpath_bench: the empty measurement is missing'
    ov = counts.pop(base[0])
    print('libipc fast-path primitives, instructions (callgrind, x86-64 host, gcc -O2, two runs '
          f'identical; the {ov} the measurement itself counts subtracted):')
    print('| primitive | instructions |')
    print('|---|---|')
    for name in sorted(counts, key=lambda k: (k.startswith('('), k)):
        print(f'| {name} | {counts[name] - ov} |')
    return 0


if __name__ == '__main__':
    sys.exit(main())
