#!/usr/bin/env python3
"""Test driver for system descriptions (suite 'sysdesc').

`check_refused.py SYSGEN FILE.sys` passes only if tools/sysgen.py refuses
the file with exit status 1 and a message `FILE.sys:N: error: ...` whose
line N is the line marked with the comment `# <- error` and whose text
contains the phrase given in the file's `# expect: <phrase>` header line.
`check_refused.py --valid SYSGEN FILE.sys` passes only if sysgen accepts
the file and writes its tables, headers and report.
`--kernel KERNEL.elf` adds sysgen's exact memory check against that linked
image; with `--valid`, `--left N` also requires exactly N budget pages left,
and `--left declared` the number the file declares in a `# left: N` line
(tools/syslimits.py writes it: page-table steps can leave a few pages that
no region size reaches).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--valid', action='store_true')
    ap.add_argument('--kernel')
    ap.add_argument('--left', help='N, or "declared"')
    ap.add_argument('sysgen')
    ap.add_argument('path')
    a = ap.parse_args()
    valid, sysgen, path = a.valid, a.sysgen, a.path
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, sysgen, path, '--tables', os.path.join(tmp, 't.c'),
               '--report', os.path.join(tmp, 'r.txt'), '--header-dir', tmp]
        if a.kernel:
            cmd += ['--kernel', a.kernel, '--stamp', os.path.join(tmp, 'memory.txt')]
        p = subprocess.run(cmd, capture_output=True, text=True)
        print(p.stderr, end='')
        if valid:
            if p.returncode != 0:
                print(f'FAIL: a valid description was refused (status {p.returncode})')
                return 1
            made = sorted(os.listdir(tmp))
            if 't.c' not in made or 'r.txt' not in made or not any(f.endswith('_sys.h') for f in made):
                print(f'FAIL: outputs missing: {made}')
                return 1
            if a.left is not None:
                stamp = open(os.path.join(tmp, 'memory.txt'), encoding='utf-8').read()
                print(stamp, end='')
                want = a.left
                if want == 'declared':
                    d = re.search(r'^# left: (\d+)$', open(path, encoding='utf-8').read(), re.M)
                    if not d:
                        print('FAIL: --left declared, but the file has no "# left: N" line')
                        return 1
                    want = d.group(1)
                m = re.search(r'(\d+) left', stamp)
                if not m or m.group(1) != str(int(want)):
                    print(f'FAIL: expected {want} budget pages left')
                    return 1
            print(f'ok: accepted, wrote {", ".join(made)}')
            return 0
    lines = open(path, encoding='utf-8').read().splitlines()
    marked = [i for i, l in enumerate(lines, 1) if '# <- error' in l]
    expect = [l.split('# expect:', 1)[1].strip() for l in lines if '# expect:' in l]
    if len(marked) != 1 or len(expect) != 1:
        print('FAIL: test file needs exactly one "# <- error" line and one "# expect:" line')
        return 1
    want = f'{path}:{marked[0]}: error: '
    if p.returncode != 1:
        print(f'FAIL: sysgen exited {p.returncode}, expected 1 (refused)')
        return 1
    if not p.stderr.startswith(want):
        print(f'FAIL: expected the message to start with "{want}"')
        return 1
    if expect[0] not in p.stderr:
        print(f'FAIL: expected the message to mention "{expect[0]}"')
        return 1
    print(f'ok: refused at line {marked[0]} with "{expect[0]}"')
    return 0


if __name__ == '__main__':
    sys.exit(main())
