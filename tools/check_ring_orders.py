#!/usr/bin/env python3
"""check_ring_orders: the SPIN model declares every ordering the ring's C code uses.

spin/ring.pml is written by hand; nothing else ties it to ring.h. This check
extracts every atomic operation and fence from libipc/include/ipc/ring.h and
libipc/src/ring.c (file, enclosing function, operation, object, memory
order) and compares the list with the `@order` lines of the model's opening
comment. Any difference fails: an order weakened or strengthened, a fence
added or removed, an operation moved to another function, a new atomic
operation. Each `@order` line names the [tag] of the model statement that
stands for the operation (the tag must occur in the model's body) or `-`
for operations the model does not cover (its comment says why).

Atomic calls other than atomic_{load,store,exchange}_explicit and
atomic_thread_fence are refused outright (an implicit seq_cst op would
otherwise escape the list).

usage: check_ring_orders.py [--root DIR] [--selftest]
  --selftest  also mutate the C sources in memory, once per operation
              (acquire/release/seq_cst weakened, relaxed strengthened, each
              fence removed), and fail unless every mutant is refused.
"""
import argparse
import collections
import pathlib
import re
import sys

SOURCES = ('libipc/include/ipc/ring.h', 'libipc/src/ring.c')
MODEL = 'spin/ring.pml'
OP = re.compile(r'\batomic_(load|store|exchange)_explicit\s*\(\s*&?\s*([^,]+?)\s*,[^;]*?'
                r'\bmemory_order_(\w+)\s*\)')
FENCE = re.compile(r'\batomic_thread_fence\s*\(\s*memory_order_(\w+)\s*\)')
ANY_ATOMIC = re.compile(r'\batomic_\w+\s*\(')
ALLOWED = re.compile(r'\batomic_(?:load|store|exchange)_explicit\s*\(|\batomic_thread_fence\s*\(')
FUNC = re.compile(r'^[A-Za-z_][\w\s\*]*?\b(\w+)\s*\(')
ORDER_LINE = re.compile(r'^\s*\*\s*@order\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$', re.M)


def strip_comments(text):
    """Blank out comments, keeping line numbers."""
    return re.sub(r'/\*.*?\*/|//[^\n]*', lambda m: re.sub(r'[^\n]', ' ', m.group(0)), text, flags=re.S)


def extract(name, text):
    """[(file, function, op, object, order, line)] for one C source."""
    code = strip_comments(text)
    lines = code.split('\n')
    func_at = []
    current = '-'
    for ln in lines:
        if ln and not ln[0].isspace() and ln[0] not in '{}#' and not ln.startswith('_Static_assert'):
            m = FUNC.match(ln)
            if m and not ln.rstrip().endswith(';'):
                current = m.group(1)
        func_at.append(current)
    out, errors = [], []
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln) + 1)

    def line_of(pos):
        lo, hi = 0, len(offsets) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if offsets[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    base = pathlib.Path(name).name
    for m in ANY_ATOMIC.finditer(code):
        if not ALLOWED.match(code, m.start()):
            errors.append(f'{name}:{line_of(m.start()) + 1}: atomic call the model cannot name: '
                          f'{m.group(0).rstrip("(").strip()}')
    for m in OP.finditer(code):
        obj = re.findall(r'\w+', m.group(2))[-1]
        ln = line_of(m.start())
        out.append((base, func_at[ln], m.group(1), obj, m.group(3), ln + 1))
    for m in FENCE.finditer(code):
        ln = line_of(m.start())
        out.append((base, func_at[ln], 'fence', '-', m.group(1), ln + 1))
    n_calls = len(ALLOWED.findall(code))
    if n_calls != len(out):
        errors.append(f'{name}: {n_calls} atomic calls but {len(out)} understood (unusual form?)')
    return out, errors


def declared(model_text):
    rows = ORDER_LINE.findall(model_text)
    body = re.sub(r'/\*.*?\*/', lambda m: m.group(0) if '@order' not in m.group(0) else '', model_text,
                  count=1, flags=re.S)
    errors = []
    for r in rows:
        tag = r[5]
        if tag != '-' and tag not in body:
            errors.append(f'{MODEL}: @order {" ".join(r[:5])} names {tag}, which no model statement carries')
    return [tuple(r[:5]) for r in rows], errors


def compare(ops, rows):
    have = collections.Counter(o[:5] for o in ops)
    want = collections.Counter(rows)
    msgs = []
    for k in sorted(have - want):
        where = [o[5] for o in ops if o[:5] == k]
        msgs.append(f'{k[0]}:{where[0]}: {k[1]}: {k[2]} {k[3]} {k[4]} is not declared in {MODEL} '
                    f'(@order {" ".join(k)} ...): mirror the change in the model')
    for k in sorted(want - have):
        msgs.append(f'{MODEL}: declares @order {" ".join(k)}, which the C code does not do (any more)')
    return msgs


def check(texts, model_text):
    ops, errors = [], []
    for name, text in texts.items():
        o, e = extract(name, text)
        ops += o
        errors += e
    rows, e = declared(model_text)
    errors += e
    if not rows:
        errors.append(f'{MODEL}: no @order lines')
    return ops, errors + compare(ops, rows)


WEAKER = {'acquire': 'relaxed', 'release': 'relaxed', 'seq_cst': 'acq_rel', 'acq_rel': 'release',
          'consume': 'relaxed', 'relaxed': 'seq_cst'}


def mutants(texts):
    """Yield (description, texts) with one ordering changed in one source."""
    for name, text in texts.items():
        for m in re.finditer(r'memory_order_(\w+)', text):
            line = text.count('\n', 0, m.start()) + 1
            start_of_line = text.rfind('\n', 0, m.start()) + 1
            if text[start_of_line:m.start()].lstrip().startswith(('*', '/*', '//')):
                continue  # in a comment
            new = WEAKER[m.group(1)]
            fence_line = text[start_of_line:text.find('\n', m.start())]
            yield (f'{name}:{line}: {m.group(1)} -> {new}',
                   dict(texts, **{name: text[:m.start()] + 'memory_order_' + new + text[m.end():]}))
            if 'atomic_thread_fence' in fence_line:
                end = text.find('\n', m.start())
                yield (f'{name}:{line}: fence removed',
                       dict(texts, **{name: text[:start_of_line] + text[end:]}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--root', default=pathlib.Path(__file__).resolve().parent.parent)
    ap.add_argument('--selftest', action='store_true')
    a = ap.parse_args()
    root = pathlib.Path(a.root)
    texts = {s: (root / s).read_text() for s in SOURCES}
    model = (root / MODEL).read_text()
    ops, errors = check(texts, model)
    for e in errors:
        print(e)
    if errors:
        print(f'FAIL: {len(errors)} difference(s) between the C orderings and {MODEL}')
        return 1
    print(f'ok: {len(ops)} atomic operations and fences in ring.h/ring.c, each declared in {MODEL}')
    if a.selftest:
        n, missed = 0, []
        for desc, mtexts in mutants(texts):
            n += 1
            if not check(mtexts, model)[1]:
                missed.append(desc)
        for d in missed:
            print(f'selftest: mutant not refused: {d}')
        if missed or n == 0:
            print(f'FAIL: selftest, {len(missed)} of {n} mutants not refused')
            return 1
        print(f'ok: selftest, each of {n} single-ordering mutants of the C code is refused')
    return 0


if __name__ == '__main__':
    sys.exit(main())
