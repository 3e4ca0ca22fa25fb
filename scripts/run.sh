#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, start the server on
# embedded defaults (data in ./data, API on :8080, RTMP on :1935). Extra
# arguments go to `ffsandbox serve` (see `build/bin/ffsandbox serve --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec build/bin/ffsandbox serve "$@"
