#!/usr/bin/env python3
"""kabi_value: print the integer value of one #define in a C header, read by
sysgen's strict parser (tools/sysgen.py, c_defines). For build files that
need a number the C headers own, such as the page size the linker aligns
segments to (kernel/meson.build).

usage: kabi_value.py HEADER NAME
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sysgen  # noqa: E402


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.strip().splitlines()[-1])
    try:
        print(sysgen.c_defines(sys.argv[1], (sys.argv[2],))[sys.argv[2]])
    except sysgen.LimitsError as e:
        raise SystemExit(f'kabi_value: {e}')


if __name__ == '__main__':
    main()
