#!/usr/bin/env bash
# Builds and runs the transcode benchmark (see bench_transcode.cc).
#   tests/bench/transcode/run.sh [--seconds 30] [--presets veryfast,superfast]
# BUILD_DIR defaults to build-cmaf (each engineer's own build dir); -j2 max.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
build="${BUILD_DIR:-$root/build-cmaf}"
[ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" >/dev/null
cmake --build "$build" -j2 --target bench_transcode >/dev/null
exec "$build/bench/bench_transcode" "$@"
