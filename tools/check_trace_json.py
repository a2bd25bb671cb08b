#!/usr/bin/env python3
"""check_trace_json: validate a Chrome trace / Perfetto JSON file (what
tools/trace.py --json writes) against the Trace Event Format: the JSON
object form with a traceEvents list; every event has a string name, a
known phase, integer pid and tid; non-metadata events a numeric ts >= 0;
complete events (X) a dur >= 0; metadata (M) a known name and args.name;
flow events (s, f) a cat and an id, each id exactly one start and one
finish, start not after finish, and each end bound to a slice of its own
thread that encloses its time (the finish with "bp": "e").

usage: check_trace_json.py FILE.json   (exit 0 and "ok", or the errors)
"""
import json
import sys

PHASES = {'B', 'E', 'X', 'i', 'I', 'C', 'b', 'n', 'e', 's', 't', 'f', 'M', 'P', 'O', 'N', 'D'}
META = {'process_name', 'process_labels', 'process_sort_index', 'thread_name', 'thread_sort_index'}


def validate(doc):
    errors = []
    if not isinstance(doc, dict) or not isinstance(doc.get('traceEvents'), list):
        return ['not the JSON object form: no traceEvents list']
    if doc.get('displayTimeUnit', 'ms') not in ('ms', 'ns'):
        errors.append(f'displayTimeUnit {doc["displayTimeUnit"]!r}')
    slices, flows = {}, {}
    for i, e in enumerate(doc['traceEvents']):
        where = f'event #{i}'
        if not isinstance(e, dict):
            errors.append(f'{where}: not an object')
            continue
        ph = e.get('ph')
        if ph not in PHASES:
            errors.append(f'{where}: phase {ph!r}')
            continue
        if not isinstance(e.get('name'), str):
            errors.append(f'{where}: no name')
        for k in ('pid', 'tid'):
            if not isinstance(e.get(k), int) or isinstance(e.get(k), bool):
                errors.append(f'{where}: {k} {e.get(k)!r} is not an integer')
        if ph == 'M':
            if e.get('name') not in META:
                errors.append(f'{where}: metadata name {e.get("name")!r}')
            elif e['name'].endswith('_name') and not isinstance(e.get('args', {}).get('name'), str):
                errors.append(f'{where}: metadata without args.name')
            continue
        ts = e.get('ts')
        if not isinstance(ts, (int, float)) or isinstance(ts, bool) or ts < 0:
            errors.append(f'{where}: ts {ts!r}')
            continue
        if ph == 'X':
            dur = e.get('dur')
            if not isinstance(dur, (int, float)) or dur < 0:
                errors.append(f'{where}: complete event with dur {dur!r}')
            else:
                slices.setdefault((e.get('pid'), e.get('tid')), []).append((ts, ts + dur))
        if ph in ('s', 't', 'f'):
            if not isinstance(e.get('cat'), str) or 'id' not in e:
                errors.append(f'{where}: flow event without cat or id')
                continue
            flows.setdefault(e['id'], []).append((i, e))
    for fid, evs in flows.items():
        starts = [e for _, e in evs if e['ph'] == 's']
        ends = [e for _, e in evs if e['ph'] == 'f']
        if len(starts) != 1 or len(ends) != 1:
            errors.append(f'flow {fid}: {len(starts)} starts and {len(ends)} finishes')
            continue
        s, f = starts[0], ends[0]
        if s['ts'] > f['ts']:
            errors.append(f'flow {fid}: finishes before it starts')
        if (s['cat'], s.get('name')) != (f['cat'], f.get('name')):
            errors.append(f'flow {fid}: start and finish differ in cat or name')
        for end in (s, f):
            own = slices.get((end['pid'], end['tid']), [])
            if not any(a <= end['ts'] <= b for a, b in own):
                errors.append(f'flow {fid}: its {end["ph"]} at {end["ts"]} has no enclosing slice on '
                              f'pid {end["pid"]} tid {end["tid"]}')
    return errors


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        doc = json.load(open(sys.argv[1]))
    except (OSError, ValueError) as e:
        print(f'{sys.argv[1]}: {e}')
        return 1
    errors = validate(doc)
    for e in errors[:50]:
        print(f'{sys.argv[1]}: {e}')
    if errors:
        return 1
    nflows = sum(1 for e in doc['traceEvents'] if e.get('ph') == 's')
    print(f'ok: {len(doc["traceEvents"])} events, {nflows} flows, all paired')
    return 0


if __name__ == '__main__':
    sys.exit(main())
