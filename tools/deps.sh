#!/bin/sh
# Install the Debian 12 packages this project needs, if any are missing.
# Idempotent and quiet when everything is already there. Needs root (or sudo)
# only when something has to be installed.
set -eu

PKGS="make clang-format meson ninja-build pkg-config python3 gcc g++ clang libclang-rt-14-dev
      libcriterion-dev gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
      qemu-system-arm gdb-multiarch spin relacy-dev gcovr valgrind libdpdk-dev libck-dev libboost-dev"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
