#!/usr/bin/env bash
# Real players against a real ffsandbox: hls.js + dash.js on the live CMAF
# stream, mpegts.js on HTTP-FLV, in headless Debian chromium (playwright-core).
# Needs $FFSANDBOX_BUILD/bin/ffsandbox (default build/; or FFSB_FFSANDBOX=path), ffmpeg, /usr/bin/chromium.
# Usage: tests/browser/players-run.sh     env FFSB_PLAYERS=hls,dash,flv  FFSB_PLAYERS_DEBUG=1
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/setup-web.sh
command -v ffmpeg >/dev/null || { echo "players-run: ffmpeg missing (scripts/setup.sh)" >&2; exit 1; }
exec timeout 300 node tests/browser/players.test.mjs
