"""Fixtures for the ffemu integration tests.

Every test runs against each target server:
- "nginx": nginx with libnginx-mod-rtmp started on free loopback ports (live app
  "live"; app "seg" also writes HLS and DASH, served over HTTP);
- "ffsandbox": a real ffsandbox (tests/integration/ffs_server.py; the binary from
  $FFSANDBOX_BUILD, default build/), where every stream name becomes a member
  whose stream key is published to, and viewers play the key's rtmpPlayUrl.
A target that is not installed / not built is skipped. Set FFSB_TARGET_RTMP
(e.g. rtmp://127.0.0.1:1935/live) and optionally FFSB_TARGET_HTTP to run
against one other server instead (names used as they are).
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from ffs_server import BINARY as FFSANDBOX_BINARY, Server  # noqa: E402

from emu_tools import FFEMU, ffemu, ffemu_bg  # noqa: E402,F401  (re-exported for older imports)

NGINX_CONF = """
load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
daemon off;
worker_processes 1;
error_log {dir}/error.log info;
pid {dir}/nginx.pid;
events {{ worker_connections 4096; }}
rtmp {{ server {{ listen 127.0.0.1:{rtmp};
  application live {{ live on; }}
  application seg {{ live on; hls on; hls_path {dir}/hls; hls_fragment 1s; hls_playlist_length 6s;
                    dash on; dash_path {dir}/dash; dash_fragment 1s; dash_playlist_length 6s; }} }} }}
http {{ access_log off; server {{ listen 127.0.0.1:{http}; location / {{ root {dir}; add_header Cache-Control no-cache; }} }} }}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Target:
    """A plain RTMP server: publish and play the same rtmp_base/name."""

    kind = "rtmp"

    def __init__(self, rtmp_base, http_base=None, seg_rtmp_base=None):
        self.rtmp_base = rtmp_base
        self.http_base = http_base
        self.seg_rtmp_base = seg_rtmp_base

    def rtmp(self, name):
        return f"{self.rtmp_base}/{name}"

    def publish_url(self, name):
        return self.rtmp(name)

    def play_url(self, name):
        return self.rtmp(name)

    def refused_url(self, tag):
        return f"{self.rtmp_base.rsplit('/', 1)[0]}/no_such_app_{tag}/x"

    # HLS/DASH: where to publish, then (after a while) the HLS and DASH URLs; None when unsupported.
    def segmented_publish_url(self, name):
        return f"{self.seg_rtmp_base}/{name}" if self.seg_rtmp_base else None

    def segmented_play_urls(self, name, timeout=15):
        return f"{self.http_base}/hls/{name}.m3u8", f"{self.http_base}/dash/{name}.mpd"


class FfsandboxTarget(Target):
    """ffsandbox: a stream name is a member; publish to its key, play its rtmpPlayUrl."""

    kind = "ffsandbox"

    def __init__(self, server):
        super().__init__(server.rtmp_base, None, None)
        self.server = server

    def publish_url(self, name):
        self.server.ok("POST", "/v2/apps/me/members", {"appUserId": name})
        key = self.server.stream_key_of(name)
        return f"{key['ingestUrl']}/{key['streamKey']}"

    def play_url(self, name, timeout=10):
        key = self.server.wait_for(lambda: (lambda k: k if k.get("rtmpPlayUrl") else None)(
            self.server.stream_key_of(name)), timeout, what="rtmpPlayUrl of " + name)
        return key["rtmpPlayUrl"]

    def refused_url(self, tag):
        return f"{self.rtmp_base}/noSuchKey{tag}"

    def segmented_publish_url(self, name):
        return self.publish_url(name) + "?mode=CMAF"

    def segmented_play_urls(self, name, timeout=30):
        key = self.server.wait_for(lambda: (lambda k: k if k.get("cmafHlsPlayUrl") else None)(
            self.server.stream_key_of(name)), timeout, what="cmafHlsPlayUrl of " + name)
        return key["cmafHlsPlayUrl"], key["cmafDashPlayUrl"]


def _nginx():
    d = tempfile.mkdtemp(prefix="ffemu-nginx-")
    os.chmod(d, 0o755)  # nginx workers (user nobody) serve the HLS/DASH files
    os.makedirs(f"{d}/hls")
    os.makedirs(f"{d}/dash")
    rtmp, http = free_port(), free_port()
    with open(f"{d}/nginx.conf", "w") as f:
        f.write(NGINX_CONF.format(dir=d, rtmp=rtmp, http=http))
    proc = subprocess.Popen(["nginx", "-c", f"{d}/nginx.conf", "-p", d, "-e", f"{d}/error.log"])
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", rtmp), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    return proc, d, Target(f"rtmp://127.0.0.1:{rtmp}/live", f"http://127.0.0.1:{http}",
                           f"rtmp://127.0.0.1:{rtmp}/seg")


TARGETS = ["env"] if os.environ.get("FFSB_TARGET_RTMP") else ["nginx", "ffsandbox"]


@pytest.fixture(scope="session", params=TARGETS)
def target(request, tmp_path_factory):
    if request.param == "env":
        yield Target(os.environ["FFSB_TARGET_RTMP"], os.environ.get("FFSB_TARGET_HTTP"))
    elif request.param == "nginx":
        if not os.path.exists("/usr/lib/nginx/modules/ngx_rtmp_module.so"):
            pytest.skip("libnginx-mod-rtmp not installed")
        proc, d, t = _nginx()
        yield t
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(d, ignore_errors=True)
    else:
        if not os.path.exists(FFSANDBOX_BINARY):
            pytest.skip("ffsandbox not built at " + FFSANDBOX_BINARY)
        srv = Server(tmp_path_factory.mktemp("ffsandbox")).start()
        yield FfsandboxTarget(srv)
        srv.stop()
