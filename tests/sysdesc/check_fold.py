#!/usr/bin/env python3
"""`sysgen --cores N` (suite 'sysdesc'): a description that places its
components on several cores, folded onto N cores, puts the component of
core k on core k mod N and needs min(cpus, N) cores, in the JSON report and
in `--cpus`; N outside 1..PLATFORM_MAX_CPUS is refused (status 2, the range
named) and writes nothing; and folding does not hide a component placed
past the system's cores (bad_cpu_past_cpus.sys, beside this script, is
still refused with --cores 1).

    check_fold.py SYSGEN FILE.sys
"""
import json
import os
import subprocess
import sys
import tempfile


def sysgen(tool, path, *args):
    return subprocess.run([sys.executable, tool, path, *args], capture_output=True, text=True)


def main():
    tool, path = sys.argv[1], sys.argv[2]
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'r.json')
        p = sysgen(tool, path, '--json', out)
        if p.returncode != 0:
            print(f'FAIL: {path} refused: {p.stderr}')
            return 1
        placed = json.load(open(out, encoding='utf-8'))
        cpus = placed['cpus']
        where = {c['name']: c['cpu'] for c in placed['components']}
        if cpus < 2 or len(set(where.values())) < 2:
            print(f'FAIL: {path} places nothing on several cores (cpus={cpus})')
            return 1
        for n in range(1, cpus + 1):
            if os.path.exists(out):
                os.remove(out)
            p = sysgen(tool, path, '--cores', str(n), '--json', out)
            q = sysgen(tool, path, '--cores', str(n), '--cpus')
            if p.returncode != 0 or q.returncode != 0:
                print(f'not ok: --cores {n} refused: {p.stderr}{q.stderr}')
                bad += 1
                continue
            folded = json.load(open(out, encoding='utf-8'))
            got = {c['name']: c['cpu'] for c in folded['components']}
            want = {name: k % n for name, k in where.items()}
            ok = got == want and folded['cpus'] == n and q.stdout.strip() == str(n)
            print(f'{"ok" if ok else "not ok"}: --cores {n}: cpus {folded["cpus"]} (--cpus {q.stdout.strip()}),'
                  f' placement {sorted(got.items())}')
            bad += not ok
        for n in ('0', '5', '-1'):
            if os.path.exists(out):
                os.remove(out)
            p = sysgen(tool, path, '--cores', n, '--json', out)
            ok = p.returncode == 2 and f'--cores {n}: must be 1..' in p.stderr and not os.path.exists(out)
            print(f'{"ok" if ok else "not ok"}: --cores {n} refused (status {p.returncode}): '
                  f'{p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""}')
            bad += not ok
        misplaced = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'bad_cpu_past_cpus.sys')
        p = sysgen(tool, misplaced, '--cores', '1', '--json', out)
        ok = p.returncode == 1 and 'is placed on cpu=' in p.stderr
        print(f'{"ok" if ok else "not ok"}: --cores 1 still refuses a misplaced component (status {p.returncode})')
        bad += not ok
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
