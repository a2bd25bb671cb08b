# Thin convenience layer over Meson, for xv6/LK habits. The real work is in
# tools/*.sh and the meson.build files.
.PHONY: all qemu check bench coverage clean

all:
	tools/deps.sh
	[ -f build/gcc/build.ninja ] || meson setup build/gcc
	[ -f build/cross/build.ninja ] || meson setup build/cross --cross-file cross/aarch64-none.ini
	ninja -C build/gcc && ninja -C build/cross

qemu:
	tools/demo.sh

check:
	tools/check.sh

clean:
	rm -rf build
