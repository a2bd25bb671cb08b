#!/bin/sh
# Line and branch coverage of libipc/src (gcc --coverage, gcovr) from the
# unit tests, the SharedRing tests and a replay of every committed fuzz
# corpus (fuzz/replay_main.c stands in for libFuzzer's clang-only main).
#   tools/coverage.sh [build-dir]       (default: build/f-cov)
# Prints gcovr's per-file table and a summary; an HTML report lands in
# <build-dir>/coverage/index.html.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build/f-cov}

if [ ! -f "$build/build.ninja" ]; then
	CC=gcc meson setup "$build" "$src" -Db_coverage=true -Dbuildtype=debug \
		-Dfuzz=auto -Dbench=disabled >/dev/null
fi
ninja -C "$build" >/dev/null
find "$build" -name '*.gcda' -delete
meson test -C "$build" --suite unit --suite fuzz --suite ring --no-rebuild \
	--print-errorlogs --num-processes 1 --timeout-multiplier 3 | tail -n 12
mkdir -p "$build/coverage"
gcovr --root "$src" --object-directory "$build" --filter "$src/libipc/src/" \
	--branches --print-summary --html-details "$build/coverage/index.html" \
	| tail -n 20
gcovr --root "$src" --object-directory "$build" --filter "$src/libipc/src/" | tail -n 16
