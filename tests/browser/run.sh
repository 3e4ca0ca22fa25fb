#!/usr/bin/env bash
# Browser tests of the user console (headless Debian chromium via
# playwright-core). Usage: tests/browser/run.sh [smoke|e2e|all]   (default: all)
#   smoke: the pages against tests/browser/mock-server.mjs (no server needed)
#   e2e:   the full broadcast flow against build/bin/ffsandbox (+ ffemu/ffmpeg)
# Screenshots: tests/artifacts/console/.
set -euo pipefail
cd "$(dirname "$0")/../.."
what="${1:-all}"
bash scripts/setup-web.sh
rc=0
if [ "$what" = smoke ] || [ "$what" = all ]; then
  timeout 600 node tests/browser/ui-smoke.test.mjs || rc=1
fi
if [ "$what" = e2e ] || [ "$what" = all ]; then
  timeout 900 node tests/browser/console.e2e.test.mjs || rc=1
fi
exit $rc
