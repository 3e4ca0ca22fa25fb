#!/usr/bin/env bash
# Benchmark: can one ffemu process hold 2,000 viewers of one stream on one
# core? Starts nginx + libnginx-mod-rtmp on free ports (or uses $TARGET_RTMP,
# e.g. rtmp://127.0.0.1:1935/live), publishes one synthetic stream, runs
# `ffemu load` and prints the CPU ffemu used (cpu_percent: 100 = one core).
# Usage: load_2000.sh [VIEWERS=2000] [SECONDS=30] [BITRATE=1000k]
set -euo pipefail
VIEWERS=${1:-2000}
SECS=${2:-30}
BITRATE=${3:-1000k}
FFEMU=${FFEMU:-$(dirname "$0")/../../../build-emu/bin/ffemu}
DIR=$(mktemp -d)
trap 'kill $PUB 2>/dev/null || true; [ -f $DIR/nginx.pid ] && kill $(cat $DIR/nginx.pid) 2>/dev/null || true; rm -rf $DIR' EXIT
if [ -z "${TARGET_RTMP:-}" ]; then
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat > $DIR/nginx.conf <<CONF
load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
daemon on; worker_processes 1; worker_rlimit_nofile 16384;
error_log $DIR/error.log warn; pid $DIR/nginx.pid;
events { worker_connections 8192; }
rtmp { server { listen 127.0.0.1:$PORT; application live { live on; } } }
CONF
  nginx -c $DIR/nginx.conf -p $DIR
  TARGET_RTMP=rtmp://127.0.0.1:$PORT/live
  sleep 0.5
fi
ulimit -n 16384 || true
"$FFEMU" publish "$TARGET_RTMP/bench" --duration $((SECS + 30)) --bitrate "$BITRATE" --preset ultrafast >/dev/null 2>&1 &
PUB=$!
sleep 1
"$FFEMU" load "$TARGET_RTMP/bench" --viewers "$VIEWERS" --duration "$SECS" --ramp 200 --json | tee $DIR/load.out
python3 - "$DIR/load.out" <<'PY'
import json, sys
s = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
print(f"ffemu load: {s['connected']}/{s['viewers']} viewers connected, {s['failed']} failed, "
      f"{s['bytes'] * 8 / s['seconds'] / 1e6:.0f} Mb/s received, "
      f"CPU {s['cpu_seconds']:.1f} s in {s['seconds']:.0f} s = {s['cpu_percent']:.0f}% of one core")
PY
