#!/usr/bin/env python3
"""Freestanding check: the static library may reference no symbol other
than the mem* functions and the embedder's ipc_hook_* functions.

Usage: check_symbols.py NM LIBRARY [--no-trace | --trace]

--no-trace also refuses a reference to ipc_hook_trace (a normal build has
no trace points, <ipc/trace.h>); --trace requires one (the traced build).

Undefined references that another member of the archive defines are
internal and fine; anything else that is undefined must be allowed below.
Exit status 0 on success, 1 with the offending symbols listed otherwise.
"""
import re
import subprocess
import sys

ALLOWED = re.compile(r"^(mem(cpy|move|set|cmp)|ipc_hook_[a-z_]+)$")


def main():
    nm, lib = sys.argv[1], sys.argv[2]
    mode = sys.argv[3] if len(sys.argv) > 3 else ""
    out = subprocess.run([nm, "-g", lib], check=True, capture_output=True,
                         text=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3:
            defined.add(parts[2])
    external = sorted(undefined - defined)
    bad = [s for s in external if not ALLOWED.match(s)]
    print(f"{lib}: external references: {' '.join(external) or '(none)'}")
    if not defined:
        print("no symbols defined: wrong file or wrong nm?")
        return 1
    if bad:
        print("NOT freestanding; unexpected references: " + " ".join(bad))
        return 1
    if mode == "--no-trace" and "ipc_hook_trace" in external:
        print("trace points compiled into a normal build (ipc_hook_trace)")
        return 1
    if mode == "--trace" and "ipc_hook_trace" not in external:
        print("traced build without trace points (no ipc_hook_trace)")
        return 1
    print("ok: only mem* and ipc_hook_* are undefined")
    return 0


if __name__ == "__main__":
    sys.exit(main())
