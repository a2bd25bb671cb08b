#!/usr/bin/env python3
"""A stand-in for qemu-system-aarch64 that checks tools/bench.py itself: it
prints a benchmark table as the bench system does ("[client] bench: ...")
and exits 0. With FAKE_BENCH=differ the count in the table is new on every
run (the clock's nanoseconds), so bench.py must refuse the two runs; with
anything else it is the same every time, so bench.py must accept them."""
import os
import time

count = time.time_ns() if os.environ.get('FAKE_BENCH') == 'differ' else 191
print('[client] bench: | operation | ours | min..max | samples = median | seL4 |')
print('[client] bench: |---|---|---|---|---|')
print(f'[client] bench: | Call one-way, 0 words | {count} | {count}..{count} | 16/16 | 191 |')
print('[client] bench: | Send one-way, 0 words | 242 | 241..250 | 15/16 | 634 |')
