#!/usr/bin/env bash
# CMAF live latency: publish -> ACTIVE and HLS glass-to-glass latency against a
# real ffsandbox. Needs build/bin/ffsandbox (FFSANDBOX_BUILD=build-dir to pick
# another) and build/bin/ffemu (FFSB_FFEMU=path; without it only publish ->
# ACTIVE and segment availability are measured, with ffmpeg as the publisher).
# Usage: tests/bench/cmaf_latency/run.sh [--runs 3] [--size 640x360] [--play-seconds 15]
set -euo pipefail
cd "$(dirname "$0")/../../.."
exec /usr/bin/python3 tests/bench/cmaf_latency/bench_cmaf_latency.py "$@"
