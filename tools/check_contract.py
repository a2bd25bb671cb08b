#!/usr/bin/env python3
"""check_contract: every rule of the behaviour contract has a test that names it.

Reads the rule ids from docs/semantics.md (lines `- **S4.** ...`) and the
test names from the test sources: Criterion `Test(suite, NAME)` in tests/
and Meson `test('NAME', ...)` in every meson.build. A test names a rule when
its name starts with the rule id, or with several ids joined by `_`
(`G1_G3_ring_shm_two_processes` names G1 and G3). Fails, listing them, if a
rule has no test, or if a test names an id the contract does not define.

usage: check_contract.py [--doc FILE] [ROOT]
"""
import argparse
import pathlib
import re
import sys

RULE = re.compile(r'^- \*\*([A-Z][0-9]+)\.\*\*', re.M)
CRITERION = re.compile(r'^\s*(?:Test|ParameterizedTest)\s*\(\s*(?:[^,]+,\s*)?\w+\s*,\s*(\w+)', re.M)
MESON = re.compile(r"\btest\(\s*'(\w+)'")
IDS = re.compile(r'^((?:[A-Z][0-9]+_)+)')


def test_names(root):
    for p in sorted((root / 'tests').rglob('*.c')):
        for m in CRITERION.finditer(p.read_text(errors='replace')):
            yield p.relative_to(root), m.group(1)
    for p in sorted(root.rglob('meson.build')):
        if 'build' in p.relative_to(root).parts[:1] or 'subprojects' in p.parts:
            continue
        for m in MESON.finditer(p.read_text(errors='replace')):
            yield p.relative_to(root), m.group(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--doc', help='the contract (default ROOT/docs/semantics.md)')
    ap.add_argument('root', nargs='?', default=pathlib.Path(__file__).resolve().parent.parent)
    a = ap.parse_args()
    root = pathlib.Path(a.root)
    doc = pathlib.Path(a.doc) if a.doc else root / 'docs' / 'semantics.md'
    rules = RULE.findall(doc.read_text())
    if not rules:
        sys.exit(f'{doc}: no rules found (expected lines "- **S4.** ...")')
    dup = sorted({r for r in rules if rules.count(r) > 1})
    named = {}
    for where, name in test_names(root):
        m = IDS.match(name + '_')
        for rid in (m.group(1).rstrip('_').split('_') if m else []):
            named.setdefault(rid, []).append(f'{where}: {name}')
    untested = [r for r in rules if r not in named]
    unknown = sorted(set(named) - set(rules))
    for r in dup:
        print(f'{doc}: rule {r} is defined twice')
    for r in untested:
        print(f'{doc}: rule {r} has no test that names it')
    for r in unknown:
        print(f'a test names {r}, which {doc} does not define: {named[r][0]}')
    print(f'{len(rules)} rules, {sum(len(v) for v in named.values())} rule-named tests, '
          f'{len(untested)} untested, {len(unknown)} unknown ids')
    return 1 if dup or untested or unknown else 0


if __name__ == '__main__':
    sys.exit(main())
