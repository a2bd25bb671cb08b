#!/usr/bin/env python3
"""Boot test 'trace-badge': the badge server (system/tests/badge.sys) on the
kernel built with its IPC trace (docs/kernel.md, "IPC trace"), under
-icount so the run is the same every time. The trace the kernel writes at
halt must hold exactly the expected call/reply sequence:
  * the server takes Calls on its endpoint one at a time: CALL (client ->
    server), then REPLY (server -> that client), alternating, nothing else;
  * each client first registers (label REGISTER, badge 0) and gets back one
    cap, delivered, with badge BASE + its registration order; then it makes
    REQUESTS calls (label REQUEST) with exactly that badge;
  * nclients * (1 + REQUESTS) calls and as many replies; no fault, abort,
    timeout or dropped event; context switches recorded; names present.
The numbers come from system/demo/demo.h and the .sys file. Its Perfetto
JSON must pass tools/check_trace_json.py. Finally the
sequence diagram drawn from this trace must equal docs/trace-badge.svg, the
picture the README shows (--update rewrites it).

usage: trace_badge.py [--qemu PATH] [--cpu MODEL] [--update] KERNEL.elf REPORT.json
(REPORT.json: sysgen's JSON report of badge.sys, which names the components)
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..')
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import check_trace_json  # noqa: E402
import qemu_virt  # noqa: E402
import trace  # noqa: E402

GOLDEN = os.path.join(ROOT, 'docs', 'trace-badge.svg')


def demo_numbers():
    text = open(os.path.join(ROOT, 'system', 'demo', 'demo.h')).read()
    num = {k: int(v, 0) for k, v in re.findall(r'#define (DEMO_\w+) (0x[0-9a-fA-F]+|\d+)u?', text)}
    sys_text = open(os.path.join(ROOT, 'system', 'tests', 'badge.sys')).read()
    num['NCLIENTS'] = len(re.findall(r'program=badge_client', sys_text))
    return num


def check(tr, n):
    errors = []

    def want(cond, what):
        if not cond:
            errors.append(what)

    names = {v: k for k, v in tr.thread_name.items()}
    want('server' in names, 'no thread named server')
    srv = names.get('server')
    clients = {names[f'client{i}'] for i in range(n['NCLIENTS']) if f'client{i}' in names}
    want(len(clients) == n['NCLIENTS'], f'client threads named: {sorted(clients)}')
    want(tr.dropped == 0, f'{tr.dropped} events dropped')
    want(any(e.kind == 'SWITCH' for e in tr.events), 'no context switch recorded')
    for e in tr.events:
        want(e.kind not in ('FAULT', 'ABORT', 'TIMEOUT'), f'unexpected {trace.describe(tr, e)}')
    # The server's endpoint: where the calls to it arrive. The components'
    # reports to the loader (SEND on its own endpoint) are not part of it.
    svc = {e.obj for e in tr.events if e.kind == 'CALL' and e.dst == srv}
    want(len(svc) == 1, f'calls reach the server through {len(svc)} endpoints')
    msgs = [e for e in tr.events if (e.kind in trace.MESSAGES and e.obj in svc) or
            (e.kind == 'REPLY' and e.src == srv)]
    badge_of, calls, expect_reply_to = {}, {c: [] for c in clients}, None
    for i, e in enumerate(msgs):
        if expect_reply_to is None:
            want(e.kind == 'CALL' and e.dst == srv and e.src in clients,
                 f'message #{i}: want a client CALL to the server, got {trace.describe(tr, e)}')
            expect_reply_to = e.src
            calls.setdefault(e.src, []).append(e)
            continue
        want(e.kind == 'REPLY' and e.src == srv and e.dst == expect_reply_to,
             f'message #{i}: want the REPLY to {tr.thread(expect_reply_to)}, got {trace.describe(tr, e)}')
        first = len(calls.get(expect_reply_to, [])) == 1
        want(e.ncaps == (1 if first else 0), f'message #{i}: reply with {e.ncaps} caps')
        if first:
            k = len(badge_of)
            caps = [c for c in tr.events if c.kind == 'CAP' and c.dst == expect_reply_to]
            want(len(caps) == 1 and caps[0].status == 1 and caps[0].badge == n['DEMO_BADGE_BASE'] + k,
                 f'{tr.thread(expect_reply_to)}: want one delivered cap with badge '
                 f'{n["DEMO_BADGE_BASE"] + k:#x}, got {[trace.describe(tr, c) for c in caps]}')
            badge_of[expect_reply_to] = n['DEMO_BADGE_BASE'] + k
        expect_reply_to = None
    want(expect_reply_to is None, 'the last call got no reply')
    total = n['NCLIENTS'] * (1 + n['DEMO_REQUESTS'])
    want(len(msgs) == 2 * total, f'{len(msgs)} messages, want {2 * total}')
    for c, cs in calls.items():
        want(len(cs) == 1 + n['DEMO_REQUESTS'], f'{tr.thread(c)} made {len(cs)} calls')
        for j, e in enumerate(cs):
            label, badge = ((n['DEMO_LABEL_REGISTER'], 0) if j == 0 else
                            (n['DEMO_LABEL_REQUEST'], badge_of.get(c)))
            want(e.label == label and e.badge == badge,
                 f'{tr.thread(c)} call #{j}: want label {label} badge {badge}, got {trace.describe(tr, e)}')
    return errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--qemu', default=qemu_virt.DEFAULT_QEMU)
    ap.add_argument('--cpu', default='cortex-a72')
    ap.add_argument('--timeout', type=float, default=60)
    ap.add_argument('--smp', default='1', help='cores: a number, or "max" (board.h)')
    ap.add_argument('--update', action='store_true', help=f'rewrite {GOLDEN}')
    ap.add_argument('kernel')
    ap.add_argument('report')
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cmd = qemu_virt.command(os.path.abspath(a.kernel), a.cpu, qemu=a.qemu, icount=True,
                                smp=qemu_virt.smp_count(a.smp))
        cmd[cmd.index('shift=0')] = 'shift=0,sleep=off'
        p = subprocess.run(cmd, cwd=tmp, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           timeout=a.timeout)
        print('\n'.join('# ' + line for line in p.stdout.splitlines()))
        if p.returncode != 0:
            print(f'not ok - the traced kernel exited with {p.returncode}')
            return 1
        tr = trace.read(os.path.join(tmp, 'ipc-trace.bin'))
    trace.name_components(tr, a.report)
    n = demo_numbers()
    errors = check(tr, n)
    print('1..3')
    jerr = check_trace_json.validate(trace.to_json(tr))
    print(('not ok' if jerr else 'ok') + ' - its Perfetto JSON is a valid trace-event file'
          + ''.join('\n# ' + e for e in jerr[:10]))
    for e in errors:
        print(f'# {e}')
    print(('not ok' if errors else 'ok') + f' - the trace holds the {n["NCLIENTS"]} clients\' calls and '
          'replies in order, with the minted badges')
    svg = trace.to_svg(tr)
    if a.update:
        with open(GOLDEN, 'w') as f:
            f.write(svg)
    same = os.path.exists(GOLDEN) and open(GOLDEN).read() == svg
    print(('ok' if same else 'not ok') + ' - docs/trace-badge.svg is the picture of this trace'
          + ('' if same else ' (regenerate: make trace-docs)'))
    return 0 if same and not errors and not jerr else 1


if __name__ == '__main__':
    sys.exit(main())
