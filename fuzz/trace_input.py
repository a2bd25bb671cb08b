#!/usr/bin/env python3
"""A fuzz input's IPC trace: replay the largest input of a corpus with
trace_<target> (libipc built with IPC_TRACE, fuzz/trace_hook.c), read the
trace with tools/trace.py and check it holds events and makes a valid
Perfetto JSON. Then cut the file short mid-event, as an abort would leave
it: the reader must still take every whole event before the cut.

usage: trace_input.py TRACE_BINARY CORPUS_DIR
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import check_trace_json  # noqa: E402
import tap  # noqa: E402
import trace  # noqa: E402


def main():
    exe, corpus = sys.argv[1], sys.argv[2]
    files = [os.path.join(corpus, f) for f in os.listdir(corpus)]
    pick = max((f for f in files if os.path.isfile(f)), key=os.path.getsize)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'input.bin')
        subprocess.run([exe, pick], env=dict(os.environ, IPC_TRACE_FILE=path), check=True, capture_output=True)
        tr = trace.read(path)
        data = open(path, 'rb').read()
        cut = os.path.join(tmp, 'cut.bin')
        open(cut, 'wb').write(data[:len(data) - 40])
        short = trace.read(cut)
    kinds = sorted({e.kind for e in tr.events})
    res = [(len(tr.events) > 0, f'{os.path.basename(pick)}: {len(tr.events)} events, kinds {kinds}'),
           (not check_trace_json.validate(trace.to_json(tr)), 'its Perfetto JSON is a valid trace-event file'),
           (len(short.events) == len(tr.events) - 1, 'a file cut mid-event keeps every whole event')]
    return tap.report(res)


if __name__ == '__main__':
    sys.exit(main())
