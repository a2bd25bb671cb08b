#!/bin/sh
# Build everything and run every test: unit tests (gcc, and clang with
# ASan+UBSan), the ring's stress test under TSan, the SPIN model check, the
# fuzz corpus replays, the freestanding symbol checks (host and cross) and the
# QEMU boot tests, with and without the kernel's IPC fast path. Ends with one
# line "N passed, N failed" summed over all suites; exits non-zero if
# anything failed or did not build.
#
# Build directories: build/gcc, build/san, build/tsan, build/cross, build/nofp
# (build/cross again with -Dfastpath=false).
set -u
cd "$(dirname "$0")/.."
tools/deps.sh || { echo "0 passed, 1 failed"; exit 1; }

# Warnings are errors in every build of the project's own checks. meson.build
# does not default to werror (it would be forced on embedders that build
# libipc as a subproject), so it is passed here, and turned on in a directory
# that was set up without it (by hand, or by tools/demo.sh).
setup() { # dir, C compiler (or "-" for the default), meson setup arguments
	dir=$1; cc=$2; shift 2
	if [ -f "$dir/build.ninja" ]; then
		grep -q '"name": "werror", "value": true' "$dir/meson-info/intro-buildoptions.json" 2>/dev/null ||
			meson configure "$dir" -Dwerror=true >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
		return 0
	fi
	if [ "$cc" = "-" ]; then
		meson setup "$dir" --werror "$@" >"$dir.setup.log" 2>&1
	else
		CC=$cc CXX=$cc++ meson setup "$dir" --werror "$@" >"$dir.setup.log" 2>&1
	fi || { cat "$dir.setup.log"; return 1; }
}

dirs=""
run() { # dir, C compiler (or "-"), then meson setup arguments
	dir=$1
	mkdir -p build
	rm -f "$dir/meson-logs/testlog.json"
	if setup "$@" && ninja -C "$dir" >"$dir.build.log" 2>&1; then
		meson test -C "$dir" --print-errorlogs >"$dir.test.log" 2>&1
		grep -E "^ *[0-9]+/[0-9]+ " "$dir.test.log" | sed "s|^|$dir: |"
	else
		tail -n 40 "$dir.build.log" 2>/dev/null
		echo "$dir: BUILD FAILED"
	fi
	dirs="$dirs $dir"
}

run build/gcc -
run build/san clang -Db_sanitize=address,undefined -Db_lundef=false \
	-Dc_args=-fno-sanitize-recover=all -Dbench=disabled
run build/tsan clang -Db_sanitize=thread -Db_lundef=false -Dtsan_only=true \
	-Dfuzz=disabled -Dbench=disabled
run build/cross - --cross-file cross/aarch64-none.ini
# The same kernel without the IPC fast path: every boot test must pass both
# ways (docs/kernel.md, "Fast path"). About a minute more on 2 cores.
run build/nofp - --cross-file cross/aarch64-none.ini -Dfastpath=false

# shellcheck disable=SC2086
exec python3 tools/tally.py $dirs
