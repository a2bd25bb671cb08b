#!/usr/bin/env python3
"""Host test of tools/trace.py: the harness writes a trace of the badge
server's exchange (tests/test_trace.c, IPC_TRACE_FILE), trace.py turns it
into Perfetto JSON, an SVG and a counts table, and
  * the JSON passes tools/check_trace_json.py (required keys, phases, each
    flow id one start and one finish, bound to slices) with one flow per
    call, reply and delivered cap, and the validator refuses a broken copy;
  * the SVG is well-formed XML with one lifeline per thread, the replies
    dashed and the badge 0x51 on the second call's arrow;
  * the table counts 2 calls, 2 replies and 1 cap for the components.

usage: trace_tools.py TEST_TRACE_BINARY
"""
import copy
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import check_trace_json  # noqa: E402

failed = 0


def ok(cond, what):
    global failed
    print(('ok' if cond else 'not ok') + ' - ' + what)
    failed += not cond


def main():
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, 'host.bin')
        env = dict(os.environ, IPC_TRACE_FILE=raw, CRITERION_JOBS='1')
        subprocess.run([sys.argv[1], '--filter', 'trace/the_harness_writes_a_trace_file'], env=env,
                       check=True, capture_output=True)
        out = {k: os.path.join(tmp, 'out.' + k) for k in ('json', 'svg', 'txt')}
        subprocess.run([sys.executable, os.path.join(ROOT, 'tools', 'trace.py'), raw, '--json', out['json'],
                        '--svg', out['svg'], '--table', out['txt']], check=True)
        doc = json.load(open(out['json']))
        svg = open(out['svg']).read()
        table = open(out['txt']).read()
    print('1..6')
    errors = check_trace_json.validate(doc)
    ok(not errors, 'the JSON is a valid trace-event file' + ''.join('\n# ' + e for e in errors))
    flows = [e for e in doc['traceEvents'] if e['ph'] == 's']
    ok(sorted(e['name'] for e in flows) == ['CALL', 'CALL', 'CAP', 'REPLY', 'REPLY'],
       f'one flow per message and cap: {sorted(e["name"] for e in flows)}')
    names = {e['args']['name'] for e in doc['traceEvents'] if e['ph'] == 'M' and e['name'] == 'thread_name'}
    ok({'server', 'client'} <= names, f'thread tracks named: {sorted(names)}')
    broken = copy.deepcopy(doc)
    broken['traceEvents'] = [e for e in broken['traceEvents'] if not (e['ph'] == 'f' and e['id'] == 1)]
    ok(any('flow 1' in e for e in check_trace_json.validate(broken)),
       'the validator refuses a flow without its finish')
    root = ET.fromstring(svg)
    ns = '{http://www.w3.org/2000/svg}'
    lines = root.findall(f'{ns}line')
    dashed = [ln for ln in lines if ln.get('stroke-dasharray') == '6,4']
    texts = [t.text for t in root.iter(f'{ns}text')]
    ok(len(dashed) == 2 and any('call label=0x2 badge=0x51' in (t or '') for t in texts)
       and 'host/server' in texts and 'host/client' in texts,
       'the SVG has both lifelines, the badged call and two dashed replies')
    row = [ln for ln in table.splitlines() if ln.startswith('| host |')]
    ok(row == ['| host | 2 | 2 | 0 | 2 | 0 | 0 | 1 | 0 | 0 |'], f'counts: {row}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
