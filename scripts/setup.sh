#!/usr/bin/env bash
# Installs every Debian package the build and the tests need, when missing.
# Idempotent: a second run on a ready machine does nothing and takes a second.
set -euo pipefail
PKGS=(
  build-essential cmake pkg-config git ca-certificates curl
  libcpp-httplib-dev nlohmann-json3-dev librtmp-dev libssl-dev zlib1g-dev
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev
  libsqlite3-dev sqlite3 libboost-dev libboost-system-dev
  catch2 pybind11-dev python3-dev python3-pytest python3-pytest-xdist
  ffmpeg rtmpdump
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly
  wrk nginx libnginx-mod-rtmp clang libclang-rt-14-dev
  chromium
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts nginx on install; our tests run their own instances.
  systemctl stop nginx 2>/dev/null || service nginx stop 2>/dev/null || pkill -x nginx || true
fi
echo "setup: Debian packages ready"
