#!/usr/bin/env python3
"""Pick a small corpus (tens of files) out of a large one: greedy set cover,
capped at N files, over the libFuzzer features each input reaches.

    <target> -set_cover_merge=1 -merge_control_file=CF /tmp/empty-dir SEEDS BIG...
    pick_corpus.py CF N OUT_DIR     (copies the N best inputs to OUT_DIR)

Only -set_cover_merge records every input's full feature set in the control
file (a plain -merge records just the features new at that input). The
hand-made seeds (files named seed-*) are always kept and not copied. Prints
how many of the features the pick keeps.
"""
import os
import shutil
import sys

KIND = "FT"  # libFuzzer features (edges with hit-count buckets), full per file under -set_cover_merge=1


def main():
    cf, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(cf) as f:
        lines = f.read().split("\n")
    nfiles = int(lines[0])
    files = lines[2:2 + nfiles]
    feats = {}
    cur = None
    for line in lines[2 + nfiles:]:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "STARTED":
            cur = int(parts[1])
        elif parts[0] == KIND and cur is not None:
            feats[int(parts[1])] = set(int(x) for x in parts[2:])
    everything = set().union(*feats.values()) if feats else set()
    keep = [i for i, p in enumerate(files) if os.path.basename(p).startswith("seed-")]
    have = set().union(*(feats.get(i, set()) for i in keep)) if keep else set()
    chosen = []
    while len(chosen) < n:
        best, gain = None, 0
        for i, fs in feats.items():
            g = len(fs - have)
            if g > gain or (g == gain and g > 0 and os.path.getsize(files[i]) < os.path.getsize(files[best])):
                best, gain = i, g
        if best is None:
            break
        chosen.append(best)
        have |= feats[best]
    os.makedirs(out, exist_ok=True)
    for i in chosen:
        shutil.copy(files[i], out)
    print("kept %d seeds + %d picked inputs: %d of %d features" % (len(keep), len(chosen), len(have),
                                                                   len(everything)))


if __name__ == "__main__":
    main()
