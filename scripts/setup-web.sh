#!/usr/bin/env bash
# Installs the console's npm packages into web/node_modules (hls.js, dashjs,
# mpegts.js, swagger-ui-dist, playwright-core) when missing or out of date.
# Idempotent: on a ready tree it only compares a stamp and exits in ~0.1 s.
# Never downloads a browser: the tests use Debian's /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/../web"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
lock=package-lock.json
stamp=node_modules/.ffsb-installed
want="$(sha256sum package.json $( [ -f $lock ] && echo $lock ) | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "setup-web: web/node_modules ready"
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "setup-web: npm not found (Node.js 20 + npm are expected on the machine)" >&2
  exit 1
fi
if [ -f "$lock" ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi
want="$(sha256sum package.json $( [ -f $lock ] && echo $lock ) | sha256sum | cut -d' ' -f1)"
echo "$want" > "$stamp"
echo "setup-web: installed web/node_modules"
