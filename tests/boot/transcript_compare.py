#!/usr/bin/env python3
"""transcript_compare: the "transcript" boot test's image on two kernels,
one with the IPC fast path and one without, must print the same transcript
byte for byte (every line starting "T ", in console order), and both runs
must pass. Prints the line count and SHA-256 of each transcript.

usage: transcript_compare.py [--qemu PATH] FAST-KERNEL.elf SLOW-KERNEL.elf
"""
import argparse
import hashlib
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tools'))
import qemu_virt  # noqa: E402  (the one QEMU command line)


def transcript(qemu, kernel, smp):
    cmd = qemu_virt.command(kernel, qemu=qemu, smp=smp)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=100)
    out = p.stdout.replace('\r', '')
    if p.returncode != 0 or 'not ok' in out or 'PANIC' in out:
        sys.stdout.write(out)
        raise SystemExit(f'transcript: {kernel} failed (QEMU status {p.returncode})')
    # Component lines are "[name] text" (docs/kernel.md, "Isolation").
    lines = [m.group(2) for m in re.finditer('^' + qemu_virt.THREAD_PREFIX + r'(T .*)$', out, re.M)]
    if len(lines) < 100:
        sys.stdout.write(out)
        raise SystemExit(f'transcript: only {len(lines)} transcript lines from {kernel}')
    return '\n'.join(lines) + '\n'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--qemu', default=qemu_virt.DEFAULT_QEMU)
    ap.add_argument('--smp', default='1', help='cores: a number, or "max" (board.h)')
    ap.add_argument('fast')
    ap.add_argument('slow')
    a = ap.parse_args()
    smp = qemu_virt.smp_count(a.smp)
    t = [transcript(a.qemu, k, smp) for k in (a.fast, a.slow)]
    for name, x in zip(('fast path', 'slow path only'), t):
        print(f'{name}: {x.count(chr(10))} lines, sha256 {hashlib.sha256(x.encode()).hexdigest()}')
    if t[0] != t[1]:
        fa, sl = t[0].splitlines(), t[1].splitlines()
        for i, (x, y) in enumerate(zip(fa, sl)):
            if x != y:
                print(f'first difference at line {i + 1}:\n  fast: {x}\n  slow: {y}')
                break
        return 1
    print('transcripts identical')
    return 0


if __name__ == '__main__':
    sys.exit(main())
