#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 (ASan + libFuzzer) in a separate
# build dir and runs each for N seconds (default 20) from a copy of its seed
# corpus. Exit status is non-zero if any fuzzer finds a crash.
# Usage: tests/fuzz/run.sh [SECONDS] [BUILD_DIR]
set -euo pipefail
secs="${1:-20}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${2:-$root/build-fuzz}"
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -DFFS_BUILD_FUZZERS=ON \
  -DFFS_BUILD_PYBIND=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS="-fsanitize=address" -DCMAKE_CXX_FLAGS="-fsanitize=address" >/dev/null
status=0
for t in chunk amf0; do
  cmake --build "$build" -j2 --target "fuzz_$t" >/dev/null
  work="$(mktemp -d)"
  cp "$root/tests/fuzz/corpus/$t/"* "$work/"
  echo "fuzz_$t: ${secs}s"
  if ! (cd "$work" && "$build/fuzz/fuzz_$t" -max_total_time="$secs" -max_len=65536 \
        -rss_limit_mb=2048 -print_final_stats=1 "$work" 2>&1 | tail -n 12); then
    status=1
  fi
  if ls "$work"/crash-* >/dev/null 2>&1 || ls crash-* >/dev/null 2>&1; then status=1; fi
  rm -rf "$work"
done
exit $status
