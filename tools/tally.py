#!/usr/bin/env python3
"""Sum test results over every Meson build directory given on the command
line and print one final line: "N passed, N failed".

A Criterion executable counts as the number of tests it ran (from its
"Synthesis:" line) and a TAP test (the QEMU boot tests) as its "ok" and
"not ok" lines, so the total reflects individual test cases; any other
Meson test counts as one. A failed run whose output shows no failing case
(crash, timeout, panic) adds one failure. A build directory without
a test log (its build failed) counts as one failure.
"""
import json
import os
import re
import sys

TAP = re.compile(r"^(not ok|ok)\b", re.M)
TAP_PLAN = re.compile(r"^1\.\.\d+$", re.M)
SYNTH = re.compile(r"Synthesis: Tested: (\d+) \| Passing: (\d+) \| Failing: (\d+) \| Crashing: (\d+)")
PASS = {"OK", "EXPECTEDFAIL"}
FAIL = {"FAIL", "TIMEOUT", "UNEXPECTEDPASS", "ERROR"}


def tally(builddir):
    log = os.path.join(builddir, "meson-logs", "testlog.json")
    if not os.path.exists(log):
        print(f"{builddir}: no test log (build failed?)")
        return 0, 1
    passed = failed = 0
    with open(log) as f:
        for line in f:
            r = json.loads(line)
            out = (r.get("stdout") or "") + (r.get("stderr") or "")
            m = SYNTH.search(out)
            tap = TAP.findall(out) if TAP_PLAN.search(out) else []
            if tap and not m:
                p = sum(1 for t in tap if t == "ok")
                fl = len(tap) - p
                if r["result"] in FAIL and fl == 0:
                    fl = 1
                passed, failed = passed + p, failed + fl
            elif m:
                p, fl, cr = int(m.group(2)), int(m.group(3)), int(m.group(4))
                if r["result"] in FAIL and fl + cr == 0:
                    fl = 1
                passed, failed = passed + p, failed + fl + cr
            elif r["result"] in PASS:
                passed += 1
            elif r["result"] in FAIL:
                failed += 1
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
