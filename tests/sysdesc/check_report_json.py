#!/usr/bin/env python3
"""The machine-readable system report: for each description given, sysgen
--json must validate against docs/system-report.schema.json, and --svg must
be well-formed SVG with a box per component and an object per endpoint and
notification. For system/tests/badge.sys the report must also say what the
description says: client0's REGISTER cap is W,G on svc with badge 0, the
server's MINT cap is a mint source, every client may call the server
through svc, and nobody else may; for the boot tests' threads.sys, preempt.sys
and cancel.sys, that further threads, sole and probe caps are reported; for demo.sys
that the crasher's restart= policy and its supervisor cap are. The schema check itself must refuse a
report with a field of the wrong type or one missing (TAP output).

usage: check_report_json.py SYSGEN SCHEMA DESC.sys...
"""
import copy
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tools'))
import check_json_schema  # noqa: E402
import sysgen as sysgen_module  # noqa: E402
import tap  # noqa: E402

STACK_PAGES = sysgen_module.c_defines(os.path.join(sysgen_module.ROOT, 'kernel', 'uapi', 'include', 'uapi',
                                                   'layout.h'), ('COMP_STACK_PAGES',))['COMP_STACK_PAGES']

results = []


def ok(cond, what):
    results.append((bool(cond), what))


def main():
    sysgen, schema_path, descs = sys.argv[1], sys.argv[2], sys.argv[3:]
    schema = json.load(open(schema_path))
    ns = '{http://www.w3.org/2000/svg}'
    with tempfile.TemporaryDirectory() as tmp:
        for d in descs:
            j, svg = os.path.join(tmp, 'r.json'), os.path.join(tmp, 'r.svg')
            subprocess.run([sys.executable, sysgen, d, '--json', j, '--svg', svg], check=True)
            doc = json.load(open(j))
            errs = check_json_schema.validate(doc, schema)
            ok(not errs, f'{os.path.basename(d)}: the JSON report matches the schema'
               + ''.join('\n# ' + e for e in errs[:10]))
            root = ET.parse(svg).getroot()
            texts = [t.text for t in root.iter(f'{ns}text')]
            want = [c['name'] for c in doc['components']]
            objs = [f'{o["kind"]} {o["name"]}' for o in doc['objects'] if o['kind'] != 'reply']
            ok(all(n in texts for n in want) and all(o in texts for o in objs),
               f'{os.path.basename(d)}: the SVG shows {len(want)} components and {len(objs)} objects')
            if d.endswith('tests/badge.sys'):
                comps = {c['name']: c for c in doc['components']}
                reg = [c for c in comps['client0']['caps'] if c['name'] == 'REGISTER']
                ok(reg == [{'slot': reg[0]['slot'], 'name': 'REGISTER', 'object': 'svc', 'kind': 'endpoint',
                            'rights': ['W', 'G'], 'badge': 0, 'mint_source': False, 'fault_handler': False,
                            'sole': False, 'probe': False}]
                   if reg else False, f'badge.sys: client0.REGISTER as declared: {reg}')
                mint = [c for c in comps['server']['caps'] if c['name'] == 'MINT']
                ok(mint and mint[0]['mint_source'] and mint[0]['rights'] == ['W', 'GR'],
                   'badge.sys: server.MINT is a W,GR mint source')
                ok(sorted((c['caller'], c['callee'], c['endpoint']) for c in doc['calls']) ==
                   [(f'client{i}', 'server', 'svc') for i in range(3)],
                   f'badge.sys: who may call whom: {doc["calls"]}')
                bad = copy.deepcopy(doc)
                bad['components'][0]['priority'] = 'high'
                ok(check_json_schema.validate(bad, schema), 'the schema check refuses a string priority')
                bad = copy.deepcopy(doc)
                del bad['components'][1]['caps'][0]['badge']
                ok(check_json_schema.validate(bad, schema), 'the schema check refuses a cap without a badge')
            if d.endswith('system/demo.sys'):
                comps = {c['name']: c for c in doc['components']}
                crasher = comps['crasher']
                sup = [c for c in crasher['caps'] if c['name'] == 'REPORT']
                ok(crasher['restart'] == {'limit': 1000, 'backoff_us': 0} and crasher['fault_handler'] == 'REPORT'
                   and sup and sup[0]['fault_handler'] and sup[0]['rights'] == ['W', 'G'] and sup[0]['badge']
                   and comps['worker1']['restart'] is None,
                   f'demo.sys: the crasher is supervised (restart limit 1000), its fault handler the loader: {sup}')
                bad = copy.deepcopy(doc)
                bad['components'][0]['restart'] = {'limit': 0, 'backoff_us': 0}
                ok(check_json_schema.validate(bad, schema), 'the schema check refuses a restart limit of 0')
            if d.endswith('boot/threads/threads.sys'):
                multi = doc['components'][0]
                t2 = [c for c in multi['caps'] if c['name'] == 'THREAD2']
                ok([(t['name'], t['priority'], t['arg']) for t in multi['threads']] ==
                   [('t1', 100, 1), ('t2', 110, 2)] and multi['pages']['stack'] == 3 * STACK_PAGES and
                   t2 and t2[0]['kind'] == 'thread' and t2[0]['object'] == 'multi.t2',
                   f'threads.sys: two further threads, their stacks counted, a W cap to t2: {multi["threads"]}')
            if d.endswith('boot/preempt/preempt.sys'):
                ctl = {c['name']: c for c in doc['components'][0]['caps']}
                ok(ctl['SPIN0']['sole'] and ctl['SPIN0']['kind'] == 'thread' and not ctl['SLEEP']['sole'] and
                   doc['plan'] == 5, 'preempt.sys: ctl holds the sole cap to spin0\'s thread; plan 5')
            if d.endswith('boot/cancel/cancel.sys'):
                att = {c['name']: c for c in doc['components'][5]['caps']}
                ok(att['EP']['rights'] == [] and att['EP_RWG']['probe'] and
                   not any(c['caller'] == 'attacker' for c in doc['calls']),
                   'cancel.sys: the attacker\'s caps (rights - and R,W,G) are probes, out of the call graph')
    return tap.report(results)


if __name__ == '__main__':
    sys.exit(main())
