#!/usr/bin/env python3
"""trace: turn an IPC trace file (<ipc/trace.h>) into pictures and counts.

The kernel built with -Dtrace=true writes ipc-trace.bin at halt; the host
harness writes the same format (h_trace_write). This reads it and writes
  --json FILE   Chrome trace / Perfetto JSON (ui.perfetto.dev, chrome://tracing):
                one process per component, one track per thread, "running"
                slices from context switches, each message as a slice on both
                sides joined by a flow arrow;
  --svg FILE    a sequence diagram drawn here (no viewer or package needed):
                one lifeline per thread, titled by its component, arrows
                labelled with label and badge, replies dashed, faults red,
                signals blue;
  --table FILE  counts per component and per endpoint (calls, replies,
                signals, faults, cap transfers, most senders queued).
Without an output option it prints the events, one a line.

--system REPORT.json (sysgen --json of the booted system) names the
components: the kernel knows threads by their program's name, the loader
makes one address space per component in declaration order, so the spaces
after the root task's are the report's components, in order.

usage: trace.py TRACE [--system REPORT.json] [--json F] [--svg F] [--table F] [--max-rows N]
The event kinds are read from libipc/include/ipc/trace.h (one source).
"""
import argparse
import html
import json
import os
import re
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sysgen  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
TRACE_H = os.path.join(ROOT, 'libipc', 'include', 'ipc', 'trace.h')
_T = sysgen.c_defines(TRACE_H, ('IPC_TRACE_VERSION', 'IPC_TRACE_NAME_MAX', 'IPC_TRACE_OBJ_TYPE_SHIFT'))
_O = sysgen.c_defines(os.path.join(ROOT, 'libipc', 'include', 'ipc', 'ipc.h'),
                      ('IPC_OBJ_ENDPOINT', 'IPC_OBJ_NTFN', 'IPC_OBJ_REPLY'))
HEADER = struct.Struct('<8sIIQQI28x')
EVENT = struct.Struct('<QQQQQQIiII')
NAME_OFFSET = struct.calcsize('<QQQ')  # a name record's name starts at obj (time, src, dst before it)
OBJ_SHIFT = _T['IPC_TRACE_OBJ_TYPE_SHIFT']
OBJ_TYPES = {_O['IPC_OBJ_ENDPOINT']: 'ep', _O['IPC_OBJ_NTFN']: 'ntfn', _O['IPC_OBJ_REPLY']: 'reply'}


def kinds():
    """{value: name} of enum ipc_trace_kind, from the header."""
    text = open(TRACE_H).read()
    body = text[text.index('enum ipc_trace_kind {'):]
    body = body[:body.index('};')]
    out = {}
    for name, value in re.findall(r'IPC_TR_([A-Z_]+)\s*=\s*(\d+)', body):
        if name != 'EMBEDDER':
            out[int(value)] = name
    return out


K = kinds()
KV = {v: k for k, v in K.items()}
MESSAGES = ('SEND', 'CALL', 'REPLY', 'FAULT')


class Event:
    __slots__ = ('time', 'src', 'dst', 'obj', 'label', 'badge', 'kind', 'status', 'length', 'ncaps')

    def __init__(self, fields):
        (self.time, self.src, self.dst, self.obj, self.label, self.badge, kind, self.status,
         self.length, self.ncaps) = fields
        self.kind = K.get(kind, str(kind))


class Trace:
    def __init__(self):
        self.events = []
        self.thread_name = {}  # id -> name
        self.thread_comp = {}  # id -> component id
        self.comp_name = {}
        self.clock = 0
        self.dropped = 0

    def thread(self, t):
        return self.thread_name.get(t, f't{t}')

    def comp_of(self, t):
        c = self.thread_comp.get(t)
        return self.comp_name.get(c, self.thread(t)) if c is not None else self.thread(t)

    def lifeline(self, t):
        comp, name = self.comp_of(t), self.thread(t)
        return comp if comp == name else f'{comp}/{name}'


def name_components(tr, report):
    """Component names from sysgen's JSON report (see the module doc)."""
    comps = json.load(open(report))['components']
    root = {c for t, c in tr.thread_comp.items() if tr.thread_name.get(t) == 'root'}
    spaces = sorted(set(tr.thread_comp.values()) - root)
    if len(spaces) != len(comps):
        raise ValueError(f'{report}: {len(comps)} components, but the trace has {len(spaces)} '
                         'address spaces besides the root task\'s')
    for space, c in zip(spaces, comps):
        tr.comp_name[space] = c['name']
        mine = [t for t, sp in tr.thread_comp.items() if sp == space]
        if len(mine) == 1:
            tr.thread_name[mine[0]] = c['name']


def obj_name(o):
    if o == 0:
        return '-'
    return f'{OBJ_TYPES.get(o >> OBJ_SHIFT, "obj")}{o & ((1 << OBJ_SHIFT) - 1)}'


def read(path):
    """Parse one trace file: one or more header + events chunks."""
    data = open(path, 'rb').read()
    tr, off = Trace(), 0
    if not data:
        raise ValueError(f'{path}: empty')
    while off < len(data):
        if len(data) - off < HEADER.size:
            raise ValueError(f'{path}: truncated header at byte {off}')
        magic, version, size, count, dropped, clock = HEADER.unpack_from(data, off)
        if magic != b'IPCTRACE' or version != _T['IPC_TRACE_VERSION'] or size != EVENT.size:
            raise ValueError(f'{path}: not an IPC trace (magic {magic!r}, version {version}, size {size})')
        off += HEADER.size
        to_end = count == 2**64 - 1  # IPC_TRACE_COUNT_TO_END: a writer that may have died mid-run
        if to_end:
            count = (len(data) - off) // size
        if len(data) - off < count * size:
            raise ValueError(f'{path}: {count} events announced, file too short')
        tr.clock, tr.dropped = clock, tr.dropped + dropped
        for _ in range(count):
            raw = EVENT.unpack_from(data, off)
            off += size
            e = Event(raw)
            if e.kind in ('NAME_THREAD', 'NAME_COMP'):
                at = off - size + NAME_OFFSET
                name = data[at:at + _T['IPC_TRACE_NAME_MAX']].split(b'\0')[0].decode('ascii', 'replace')
                if e.kind == 'NAME_THREAD':
                    tr.thread_name[e.src], tr.thread_comp[e.src] = name, e.dst
                else:
                    tr.comp_name[e.src] = name
                continue
            tr.events.append(e)
        if to_end:
            break  # a last event cut short by the writer's death is dropped
    return tr


def describe(tr, e):
    s = f'{e.time:>12} {e.kind:<8} {tr.thread(e.src) if e.src else "-"}'
    if e.dst:
        s += f' -> {tr.thread(e.dst)}'
    s += f' {obj_name(e.obj)} label={e.label:#x} badge={e.badge:#x} len={e.length} caps={e.ncaps}'
    return s + f' status={e.status}'


# ---- Chrome trace / Perfetto JSON ------------------------------------------


def to_json(tr):
    """The trace-event format: metadata, running slices, message slices + flows."""
    out = []
    comps = {}
    threads = sorted({t for e in tr.events for t in (e.src, e.dst) if t} | set(tr.thread_name))

    def pid(t):
        return tr.thread_comp.get(t, 0) + 1

    for t in threads:
        p = pid(t)
        if p not in comps:
            comps[p] = tr.comp_of(t)
            out.append({'ph': 'M', 'name': 'process_name', 'pid': p, 'tid': 0,
                        'args': {'name': comps[p]}})
        out.append({'ph': 'M', 'name': 'thread_name', 'pid': p, 'tid': t, 'args': {'name': tr.thread(t)}})

    def ts(e):
        return e.time / 1000.0 if tr.clock == 1 else float(e.time)

    running, since = None, None
    flow = 0
    for e in tr.events:
        if e.kind == 'SWITCH':
            if running:
                out.append({'ph': 'X', 'name': 'running', 'cat': 'sched', 'pid': pid(running),
                            'tid': running, 'ts': since, 'dur': max(ts(e) - since, 0.001)})
            running, since = e.dst, ts(e)
            continue
        args = {'obj': obj_name(e.obj), 'label': e.label, 'badge': hex(e.badge), 'length': e.length,
                'caps': e.ncaps, 'status': e.status}
        name = e.kind if e.kind not in MESSAGES else f'{e.kind} label={e.label:#x} badge={e.badge:#x}'
        if e.src:
            out.append({'ph': 'X', 'name': name, 'cat': 'ipc', 'pid': pid(e.src), 'tid': e.src,
                        'ts': ts(e), 'dur': 0.001, 'args': args})
        if e.dst and (e.kind in MESSAGES or e.kind in ('SIGNAL', 'CAP')):
            out.append({'ph': 'X', 'name': name, 'cat': 'ipc', 'pid': pid(e.dst), 'tid': e.dst,
                        'ts': ts(e), 'dur': 0.001, 'args': args})
            if e.src:
                flow += 1
                out.append({'ph': 's', 'name': e.kind, 'cat': 'ipc', 'id': flow, 'pid': pid(e.src),
                            'tid': e.src, 'ts': ts(e)})
                out.append({'ph': 'f', 'bp': 'e', 'name': e.kind, 'cat': 'ipc', 'id': flow,
                            'pid': pid(e.dst), 'tid': e.dst, 'ts': ts(e)})
    if running and tr.events:
        end = ts(tr.events[-1])
        out.append({'ph': 'X', 'name': 'running', 'cat': 'sched', 'pid': pid(running), 'tid': running,
                    'ts': since, 'dur': max(end - since, 0.001)})
    clock = 'instructions retired (1 ns = 1 instruction)' if tr.clock == 1 else 'event number'
    return {'traceEvents': out, 'displayTimeUnit': 'ns',
            'otherData': {'clock': clock, 'dropped': tr.dropped}}


# ---- Sequence diagram (SVG) -------------------------------------------------

ARROW_STYLE = {
    'CALL': ('#1f3a93', ''),
    'SEND': ('#1f3a93', ''),
    'REPLY': ('#1f3a93', '6,4'),
    'FAULT': ('#c0392b', ''),
    'SIGNAL': ('#2471a3', '2,3'),
}


REPEAT_MIN = 5  # a block of 1 or 2 messages seen this often in a row is drawn once


def svg_rows(tr):
    """What the diagram draws, in order: messages and signals between two
    threads, cap / timeout / abort notes, and ('repeat', n, p) where the p
    rows above repeat n times in all (a ring's signals, a polling loop)."""
    seq = [e for e in tr.events if (e.kind in ARROW_STYLE and e.src and e.dst) or
           (e.kind in ('CAP', 'TIMEOUT', 'ABORT') and e.src)]
    keys = [(e.kind, e.src, e.dst, e.label, e.badge, e.length, e.ncaps, e.status) for e in seq]
    out, i = [], 0
    while i < len(seq):
        for p in (1, 2):
            block, n = keys[i:i + p], 1
            while len(block) == p and keys[i + n * p:i + (n + 1) * p] == block:
                n += 1
            if n >= REPEAT_MIN:
                out += seq[i:i + p] + [('repeat', n, p)]
                i += n * p
                break
        else:
            out.append(seq[i])
            i += 1
    return out


def to_svg(tr, max_rows=120):
    """A sequence diagram of the messages and signals, drawn as plain SVG."""
    rows = svg_rows(tr)
    shown = rows[:max_rows]
    lanes = sorted({t for e in shown if not isinstance(e, tuple) for t in (e.src, e.dst) if t})
    col, top, row_h, left = 170, 70, 26, 40
    width = left * 2 + col * max(len(lanes), 1)
    height = top + row_h * (len(shown) + 2)
    x = {t: left + col * i + col // 2 for i, t in enumerate(lanes)}
    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
         f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="12">',
         '<defs>']
    for name, (color, _) in ARROW_STYLE.items():
        o.append(f'<marker id="a{name}" markerWidth="10" markerHeight="8" refX="9" refY="4" '
                 f'orient="auto"><path d="M0,0 L10,4 L0,8 z" fill="{color}"/></marker>')
    o.append('</defs>')
    o.append(f'<rect width="{width}" height="{height}" fill="white"/>')
    for t in lanes:
        label = html.escape(tr.lifeline(t))
        o.append(f'<rect x="{x[t] - 70}" y="10" width="140" height="30" rx="4" fill="#eef2f7" '
                 f'stroke="#34495e"/>')
        o.append(f'<text x="{x[t]}" y="30" text-anchor="middle" font-weight="bold">{label}</text>')
        o.append(f'<line x1="{x[t]}" y1="40" x2="{x[t]}" y2="{height - 10}" stroke="#95a5a6" '
                 f'stroke-dasharray="4,4"/>')
    y = top
    for e in shown:
        y += row_h
        if isinstance(e, tuple):
            _, n, p = e
            what = 'the message above' if p == 1 else f'the {p} messages above'
            o.append(f'<text x="{left}" y="{y - 4}" fill="#555" font-style="italic">'
                     f'{what}: {n} times in a row</text>')
        elif e.kind in ARROW_STYLE:
            color, dash = ARROW_STYLE[e.kind]
            x1, x2 = x[e.src], x[e.dst]
            if x1 == x2:
                x2 = x1 + 30
            d = f' stroke-dasharray="{dash}"' if dash else ''
            o.append(f'<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{color}" stroke-width="1.5"{d} '
                     f'marker-end="url(#a{e.kind})"/>')
            text = e.kind.lower()
            if e.kind in ('CALL', 'SEND', 'FAULT'):
                text += f' label={e.label:#x} badge={e.badge:#x}'
            elif e.kind == 'REPLY':
                text += f' label={e.label:#x}'
            elif e.kind == 'SIGNAL':
                text += f' badge={e.badge:#x}'
            if e.length:
                text += f' {e.length}w'
            if e.ncaps:
                text += f' +{e.ncaps} cap'
            o.append(f'<text x="{(x1 + x2) / 2}" y="{y - 4}" text-anchor="middle" fill="{color}">'
                     f'{html.escape(text)}</text>')
        else:
            note = {'CAP': f'cap #{e.label} badge={e.badge:#x} ({["none", "delivered", "unwrapped", "dropped"][e.status & 3]})',
                    'TIMEOUT': 'deadline passed', 'ABORT': f'wait ended: {e.status}'}[e.kind]
            color = '#c0392b' if e.kind != 'CAP' else '#555'
            xx = x.get(e.dst or e.src, left)
            # A note beside the last lifeline would run off the picture:
            # write it to the left of that line instead.
            at = f'x="{xx - 6}" text-anchor="end"' if xx == max(x.values(), default=left) else f'x="{xx + 6}"'
            o.append(f'<text {at} y="{y - 4}" fill="{color}" font-style="italic">'
                     f'{html.escape(note)}</text>')
    if len(rows) > max_rows:
        o.append(f'<text x="{left}" y="{height - 12}" fill="#555">... {len(rows) - max_rows} more '
                 f'rows (--max-rows; all in the JSON)</text>')
    o.append('</svg>')
    return '\n'.join(o) + '\n'


# ---- Counts -----------------------------------------------------------------


def counts(tr):
    comp, ep = {}, {}
    queued = {}

    def c(name):
        return comp.setdefault(name, {'calls': 0, 'calls in': 0, 'sends': 0, 'replies': 0, 'signals': 0,
                                      'faults': 0, 'caps': 0, 'timeouts': 0, 'aborts': 0})

    def q(o):
        return ep.setdefault(obj_name(o), {'calls': 0, 'sends': 0, 'faults': 0, 'signals': 0,
                                           'max queued': 0})

    for e in tr.events:
        src = tr.comp_of(e.src) if e.src else None
        if e.kind == 'CALL':
            c(src)['calls'] += 1
            c(tr.comp_of(e.dst))['calls in'] += 1
            q(e.obj)['calls'] += 1
        elif e.kind == 'SEND':
            c(src)['sends'] += 1
            q(e.obj)['sends'] += 1
        elif e.kind == 'REPLY':
            c(src)['replies'] += 1
        elif e.kind == 'SIGNAL':
            c(src)['signals'] += 1
            q(e.obj)['signals'] += 1
        elif e.kind == 'FAULT':
            c(src)['faults'] += 1
            q(e.obj)['faults'] += 1
        elif e.kind == 'CAP' and e.status in (1, 2):
            c(src)['caps'] += 1
        elif e.kind == 'TIMEOUT':
            c(src)['timeouts'] += 1
        elif e.kind == 'ABORT':
            c(src)['aborts'] += 1
        if e.kind == 'QUEUE':
            s = queued.setdefault(e.obj, set())
            s.add(e.src)
            q(e.obj)['max queued'] = max(q(e.obj)['max queued'], len(s))
        elif e.kind in ('SEND', 'CALL', 'FAULT') or e.kind in ('ABORT', 'TIMEOUT', 'DESTROY'):
            for s in queued.values():
                s.discard(e.src)
    return comp, ep


def table(tr):
    comp, ep = counts(tr)
    lines = []
    for title, rows in (('component', comp), ('endpoint / notification', ep)):
        if not rows:
            continue
        cols = list(next(iter(rows.values())).keys())
        lines.append('| ' + title + ' | ' + ' | '.join(cols) + ' |')
        lines.append('|---' * (len(cols) + 1) + '|')
        for name in sorted(rows):
            lines.append(f'| {name} | ' + ' | '.join(str(rows[name][k]) for k in cols) + ' |')
        lines.append('')
    lines.append(f'{len(tr.events)} events, {tr.dropped} dropped')
    return '\n'.join(lines) + '\n'


def main():
    ap = argparse.ArgumentParser(description='IPC trace to Perfetto JSON, sequence-diagram SVG, counts.')
    ap.add_argument('trace')
    ap.add_argument('--system', help="sysgen's JSON report of the system: component names")
    ap.add_argument('--json')
    ap.add_argument('--svg')
    ap.add_argument('--table')
    ap.add_argument('--max-rows', type=int, default=120, help='messages drawn in the SVG')
    a = ap.parse_args()
    try:
        tr = read(a.trace)
        if a.system:
            name_components(tr, a.system)
    except (OSError, ValueError) as e:
        sys.exit(f'trace: {e}')
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(to_json(tr), f, indent=0)
    if a.svg:
        with open(a.svg, 'w') as f:
            f.write(to_svg(tr, a.max_rows))
    if a.table:
        with open(a.table, 'w') as f:
            f.write(table(tr))
    if not (a.json or a.svg or a.table):
        for e in tr.events:
            print(describe(tr, e))
    return 0


if __name__ == '__main__':
    sys.exit(main())
