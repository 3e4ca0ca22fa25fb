#!/usr/bin/env bash
# Fan-out benchmark: one 600 kbps stream, N RTMP + N HTTP-FLV players against
# the ffsandbox media server, then N RTMP players against nginx-rtmp (Debian
# libnginx-mod-rtmp; it has no HTTP-FLV, so only RTMP players there).
# Prints server CPU seconds per player-minute and RSS per player for both, the
# ratio, and ffsandbox's publish-to-viewable time after the first keyframe.
# Usage: tests/bench/fanout/run.sh [N=200] [SECONDS=30] [BUILD_DIR]
set -euo pipefail
N="${1:-200}"; SECS="${2:-30}"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
build="${3:-$root/build-rtmp}"
cmake --build "$build" -j2 --target fanout_server fanout_client >/dev/null
work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
ulimit -n 20000 2>/dev/null || true

# A 600 kbps, 640x360@30, GOP 2 s source, published with -c copy (cheap).
ffmpeg -hide_banner -loglevel error -f lavfi -i testsrc=size=640x360:rate=30 -f lavfi -i sine \
  -t 40 -c:v libx264 -preset veryfast -b:v 540k -maxrate 600k -bufsize 600k -g 60 -pix_fmt yuv420p \
  -c:a aac -b:a 64k -y "$work/src.flv"

cpu_s() { awk '{print ($14+$15)/100}' "/proc/$1/stat"; }   # utime+stime, USER_HZ=100
rss_kb() { awk '/VmRSS/{print $2}' "/proc/$1/status"; }
publish() { ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$work/src.flv" -c copy -f flv "$1" & pids+=($!); }

measure() {  # $1 server pid, $2.. client args; prints "cpu_s rss_delta_kb clientline"
  local pid=$1; shift
  local rss0; rss0=$(rss_kb "$pid"); local c0; c0=$(cpu_s "$pid")
  local line; line=$("$build/bench/fanout_client" "$@" &
    cpid=$!; sleep $((SECS - 2)); echo "RSS $(rss_kb "$pid")" > "$work/rss"; wait $cpid)
  local c1; c1=$(cpu_s "$pid"); local rss1; rss1=$(awk '{print $2}' "$work/rss")
  echo "$(echo "$c1 - $c0" | bc -l) $((rss1 - rss0)) $line"
}

# --- ffsandbox ---
"$build/bench/fanout_server" > "$work/ffsb.out" 2> "$work/ffsb.log" & spid=$!; pids+=($spid)
sleep 0.5
read -r RP HP < <(sed -E 's/rtmp=([0-9]+) http=([0-9]+)/\1 \2/' "$work/ffsb.out")
publish "rtmp://127.0.0.1:$RP/live/benchkey"
sleep 3
viewable=$(grep -o 'viewable .* after [0-9.]* s' "$work/ffsb.log" | grep -o '[0-9.]* s$' || echo "n/a")
read -r f_cpu f_rss f_line < <(measure "$spid" "$RP" benchplay "$N" "$HP" "$N" "$SECS")

# --- nginx-rtmp ---
mkdir -p "$work/nginx/logs"
NP=$((20000 + RANDOM % 20000))
cat > "$work/nginx/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
daemon off; master_process off; worker_processes 1;
error_log $work/nginx/logs/error.log warn; pid $work/nginx/nginx.pid;
events { worker_connections 10000; }
rtmp { server { listen 127.0.0.1:$NP; chunk_size 4096; application live { live on; } } }
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" & npid=$!; pids+=($npid)
sleep 0.5
publish "rtmp://127.0.0.1:$NP/live/benchplay"
sleep 3
read -r n_cpu n_rss n_line < <(measure "$npid" "$NP" benchplay "$N" 0 0 "$SECS")

awk -v N="$N" -v S="$SECS" -v fc="$f_cpu" -v fr="$f_rss" -v nc="$n_cpu" -v nr="$n_rss" \
    -v fl="$f_line" -v nl="$n_line" -v vw="$viewable" 'BEGIN {
  fp = 2 * N; np = N; min = S / 60;
  fcpm = fc / (fp * min); ncpm = nc / (np * min);
  printf "ffsandbox: %d players (%d RTMP + %d HTTP-FLV): %s\n", fp, N, N, fl;
  printf "nginx-rtmp: %d RTMP players (no HTTP-FLV in nginx-rtmp): %s\n", np, nl;
  printf "%-12s %22s %18s\n", "server", "CPU s/player-minute", "RSS KiB/player";
  printf "%-12s %22.5f %18.1f\n", "ffsandbox", fcpm, fr / fp;
  printf "%-12s %22.5f %18.1f\n", "nginx-rtmp", ncpm, nr / np;
  printf "CPU ratio ffsandbox/nginx = %.2f   RSS ratio = %.2f\n", (ncpm > 0 ? fcpm / ncpm : 0), (nr > 0 ? (fr / fp) / (nr / np) : 0);
  printf "publish-to-viewable (connect to first keyframe): %s\n", vw;
}'
