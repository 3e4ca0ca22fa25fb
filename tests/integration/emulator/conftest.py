"""Fixtures for the ffemu integration tests.

The target server is a parameter: by default each test session starts nginx
with libnginx-mod-rtmp on free loopback ports (live app "live"; app "seg" also
writes HLS and DASH, served over HTTP). Set FFSB_TARGET_RTMP (e.g.
rtmp://127.0.0.1:1935/live) and optionally FFSB_TARGET_HTTP to run the same
tests against another server, such as ffsandbox.
"""
import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest

FFEMU = os.environ.get("FFEMU") or shutil.which("ffemu") or os.path.join(
    os.path.dirname(__file__), "../../../build-emu/bin/ffemu")

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
    """Where the tests publish and play: rtmp_base + "/" + name, http_base for HLS/DASH."""

    def __init__(self, rtmp_base, http_base=None, seg_rtmp_base=None):
        self.rtmp_base = rtmp_base
        self.http_base = http_base
        self.seg_rtmp_base = seg_rtmp_base

    def rtmp(self, name):
        return f"{self.rtmp_base}/{name}"


@pytest.fixture(scope="session")
def target():
    if os.environ.get("FFSB_TARGET_RTMP"):
        yield Target(os.environ["FFSB_TARGET_RTMP"], os.environ.get("FFSB_TARGET_HTTP"))
        return
    if not os.path.exists("/usr/lib/nginx/modules/ngx_rtmp_module.so"):
        pytest.skip("libnginx-mod-rtmp not installed")
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
    yield Target(f"rtmp://127.0.0.1:{rtmp}/live", f"http://127.0.0.1:{http}",
                 f"rtmp://127.0.0.1:{rtmp}/seg")
    proc.terminate()
    proc.wait(timeout=10)
    shutil.rmtree(d, ignore_errors=True)


def ffemu(*args, timeout=60):
    """Runs ffemu to completion; returns (exit code, stdout, stderr)."""
    p = subprocess.run([FFEMU, *map(str, args)], capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def ffemu_bg(*args):
    return subprocess.Popen([FFEMU, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
