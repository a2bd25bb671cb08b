#!/usr/bin/env python3
"""Sum test results over every Meson build directory given on the command
line and print one final line: "N passed, N failed".

A Criterion executable counts as the number of tests it ran (from its
"Synthesis:" line) and a TAP test (the QEMU boot tests) as its "ok" and
"not ok" lines, so the total reflects individual test cases; any other
Meson test counts as one. A failed run whose output shows no failing case
(crash, timeout, panic) adds one failure. Any result other than a pass
or a skip (an INTERRUPT, say) is a failure, and so is every test Meson knows
of in that directory (meson-info/intro-tests.json) that has no result in
the log: a run that was cut short must not look clean. A build directory
without a test log (its build failed) counts as one failure.
"""
import collections
import json
import os
import re
import sys

TAP = re.compile(r"^(not ok|ok)\b", re.M)
TAP_PLAN = re.compile(r"^1\.\.\d+$", re.M)
SYNTH = re.compile(r"Synthesis: Tested: (\d+) \| Passing: (\d+) \| Failing: (\d+) \| Crashing: (\d+)")
PASS = {"OK", "EXPECTEDFAIL"}
SKIP = {"SKIP"}


def tally(builddir):
    log = os.path.join(builddir, "meson-logs", "testlog.json")
    if not os.path.exists(log):
        print(f"{builddir}: no test log (build failed?)")
        return 0, 1
    passed = failed = 0
    ran = collections.Counter()
    with open(log) as f:
        for line in f:
            r = json.loads(line)
            ran[r["name"].split(" / ", 1)[-1]] += 1
            out = (r.get("stdout") or "") + (r.get("stderr") or "")
            m = SYNTH.search(out)
            tap = TAP.findall(out) if TAP_PLAN.search(out) else []
            if tap and not m:
                p = sum(1 for t in tap if t == "ok")
                fl = len(tap) - p
                if r["result"] not in PASS and fl == 0:
                    fl = 1
                passed, failed = passed + p, failed + fl
            elif m:
                p, fl, cr = int(m.group(2)), int(m.group(3)), int(m.group(4))
                if r["result"] not in PASS and fl + cr == 0:
                    fl = 1
                passed, failed = passed + p, failed + fl + cr
            elif r["result"] in PASS:
                passed += 1
            elif r["result"] not in SKIP:
                print(f"{builddir}: {r['name']}: {r['result']}")
                failed += 1
    intro = os.path.join(builddir, "meson-info", "intro-tests.json")
    if os.path.exists(intro):
        with open(intro) as f:
            known = collections.Counter(t["name"] for t in json.load(f))
        for name, n in sorted((known - ran).items()):
            print(f"{builddir}: {name}: did not run")
            failed += n
    print(f"{builddir}: {passed} passed, {failed} failed")
    return passed, failed


def main():
    tp = tf = 0
    for d in sys.argv[1:]:
        p, f = tally(d)
        tp, tf = tp + p, tf + f
    print(f"{tp} passed, {tf} failed")
    return 1 if tf else 0


if __name__ == "__main__":
    sys.exit(main())
