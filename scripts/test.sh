#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, run every test.
# Stages: unit + integration (CTest: Catch2 binaries, fuzz-corpus replays),
# the libFuzzer targets briefly, the pytest integration suite against the real
# server, and the conformance suite. Prints one line per stage and a summary.
set -uo pipefail
cd "$(dirname "$0")/.."
export FFSANDBOX_BUILD=${FFSANDBOX_BUILD:-build}
PY=/usr/bin/python3
mkdir -p tests/artifacts
status=0
declare -a summary

stage() {  # stage NAME COMMAND...
  local name=$1; shift
  local t0=$SECONDS
  echo "=== $name"
  if "$@"; then
    summary+=("PASS  $name ($((SECONDS - t0)) s)")
  else
    summary+=("FAIL  $name ($((SECONDS - t0)) s)")
    status=1
  fi
}

bash scripts/setup.sh || exit 1
bash scripts/setup-web.sh || exit 1
bash scripts/build.sh || { echo "build failed"; exit 1; }

stage "ctest (unit + integration binaries)" \
  ctest --test-dir "$FFSANDBOX_BUILD" --output-on-failure -j2 --timeout 300
if [ -x tests/fuzz/run.sh ]; then
  stage "libFuzzer (${FFS_FUZZ_SECONDS:-10} s per target)" bash tests/fuzz/run.sh "${FFS_FUZZ_SECONDS:-10}"
fi
if ls tests/integration/*/test_*.py >/dev/null 2>&1; then
  stage "pytest tests/integration" \
    $PY -m pytest -q -p no:cacheprovider tests/integration --junitxml=tests/artifacts/integration.xml \
      --ignore=tests/integration/emulator --ignore=tests/integration/python  # run by CTest
fi
stage "browser: console pages and the whole broadcast (headless chromium)" bash tests/browser/run.sh all
stage "browser: live players (hls.js, dash.js, mpegts.js)" bash tests/browser/players-run.sh
if [ -f conformance/conftest.py ]; then
  stage "conformance suite" $PY -m pytest -q -p no:cacheprovider -n 2 conformance
fi

echo
echo "=== summary"
for line in "${summary[@]}"; do echo "$line"; done
exit $status
