#!/bin/sh
# Embedding check: build examples/embed as a separate Meson project that
# uses this repository (1) as a subproject and (2) as an installed library
# found through pkg-config, and run it both ways. The subproject build must
# not have werror forced on it: the embedder's choice (here, none) applies.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== as a Meson subproject"
cp -r "$repo/examples/embed" "$work/sub"
mkdir -p "$work/sub/subprojects"
ln -s "$repo" "$work/sub/subprojects/libipc"
meson setup "$work/sub/build" "$work/sub" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
ninja -C "$work/sub/build" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
"$work/sub/build/embed-demo"
python3 - "$work/sub/build/compile_commands.json" <<'EOF'
import json, sys
cmds = [c for c in json.load(open(sys.argv[1])) if 'subprojects/libipc/' in c['file']]
forced = [c['file'] for c in cmds if '-Werror' in c.get('command', ' '.join(c.get('arguments', [])))]
if not cmds:
    sys.exit('no libipc sources in the subproject build')
if forced:
    sys.exit('werror forced on the embedder\'s build of libipc: ' + ' '.join(forced))
print('subproject: libipc compiled without -Werror (%d files)' % len(cmds))
EOF

echo "== installed, through pkg-config"
meson setup "$work/lib" "$repo" --prefix="$work/prefix" --libdir=lib \
	-Dfuzz=disabled -Dbench=disabled >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
meson install -C "$work/lib" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
# shellcheck disable=SC2046
cc -std=c11 -o "$work/pc-demo" "$repo/examples/embed/main.c" \
	$(pkg-config --cflags libipc) $(pkg-config --libs --static libipc) -lpthread
"$work/pc-demo"
