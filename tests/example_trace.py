#!/usr/bin/env python3
"""The host badge server (examples/badge_server, built with IPC_TRACE) writes
a trace; tools/trace.py reads it. Whatever order the host threads run in,
the trace must show: the rogue's Call with badge 0, refused; each of the
three clients registering with badge 0 and getting one cap delivered with
its own badge (0x100, 0x200, 0x300 in registration order); then each
client's three later Calls carrying exactly that badge; a reply for every
call; and a valid Perfetto JSON.

usage: example_trace.py BADGE_SERVER_TRACE_BINARY
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import check_trace_json  # noqa: E402
import tap  # noqa: E402
import trace  # noqa: E402


def main():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'example.bin')
        subprocess.run([sys.argv[1]], env=dict(os.environ, IPC_TRACE_FILE=path), check=True,
                       capture_output=True)
        tr = trace.read(path)
    names = {v: k for k, v in tr.thread_name.items()}
    calls = [e for e in tr.events if e.kind == 'CALL']
    replies = [e for e in tr.events if e.kind == 'REPLY']
    caps = [e for e in tr.events if e.kind == 'CAP']
    res = []
    rogue = [e for e in calls if e.src == names.get('rogue')]
    res.append((len(rogue) == 1 and rogue[0].badge == 0 and
                any(r.dst == names['rogue'] and r.label == 1 for r in replies),
                'the rogue calls with badge 0 and is refused'))
    order = [c.dst for c in caps]
    ok_caps = len(caps) == 3 and sorted(c.badge for c in caps) == [0x100, 0x200, 0x300] and \
        all(c.status == 1 for c in caps) and [c.badge for c in caps] == [0x100, 0x200, 0x300]
    res.append((ok_caps, f'three caps delivered, badges in registration order: '
                f'{[(tr.thread(c.dst), hex(c.badge)) for c in caps]}'))
    good = True
    for i, who in enumerate(order):
        mine = [e for e in calls if e.src == who]
        good &= len(mine) == 4 and mine[0].badge == 0 and all(e.badge == 0x100 * (i + 1) for e in mine[1:])
    res.append((good and len(order) == 3, 'each client registers with badge 0, then calls 3 times with its badge'))
    res.append((len(replies) == len(calls) == 13, f'{len(calls)} calls, {len(replies)} replies'))
    errs = check_trace_json.validate(trace.to_json(tr))
    res.append((not errs, 'its Perfetto JSON is a valid trace-event file'))
    return tap.report(res)


if __name__ == '__main__':
    sys.exit(main())
