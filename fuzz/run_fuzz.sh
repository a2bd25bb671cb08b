#!/bin/sh
# Run a libFuzzer target for a bounded, reproducible session (meson suite
# 'fuzz'): the committed corpus is read only, new inputs go to a scratch
# directory that is removed afterwards, crash artifacts land in $ARTIFACTS.
#   run_fuzz.sh <target> <corpus-dir> <artifact-dir> [libFuzzer flags...]
set -eu
exe=$1 corpus=$2 artifacts=$3
shift 3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir -p "$artifacts"
"$exe" -artifact_prefix="$artifacts/" "$@" "$scratch" "$corpus"
