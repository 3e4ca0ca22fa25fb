"""Where the suite runs: a given target (--api-url ...) or a fresh ffsandbox it starts itself."""
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

from client import Client, http

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
APP_KEY = "conformanceAppKey01"
APP_SECRET = "conformanceAppSecret0001"


class Target:
    """api_url, rtmp_url, app (Client), app2 (Client of a second app or None),
    sandbox (bool: /_sandbox/ answers), capabilities (its /_sandbox/health)."""

    def __init__(self, api_url, rtmp_url, app_key, app_secret, app2=None, proc=None, data_dir=None):
        self.api_url = api_url.rstrip("/")
        self.rtmp_url = rtmp_url.rstrip("/") if rtmp_url else None
        self.app = Client(self.api_url, app_key, app_secret)
        self.app2 = Client(self.api_url, *app2) if app2 else None
        self.proc = proc
        self.data_dir = data_dir
        r = http("GET", self.api_url + "/_sandbox/health")
        self.sandbox = r.status == 200
        self.capabilities = r.json if self.sandbox else {}

    def ingest_url(self):
        """The RTMP ingest base: the option, else what the API hands out on a stream key."""
        return self.rtmp_url

    def sandbox_call(self, method, path, body=None):
        r = http(method, self.api_url + path, body=body)
        if r.status >= 300:
            raise AssertionError("sandbox %s %s: %s %s" % (method, path, r.status, r.raw[:300]))
        return r.json

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)


def binary():
    build = os.environ.get("FFSANDBOX_BUILD", "build")
    if not os.path.isabs(build):
        build = os.path.join(REPO, build)
    return os.path.join(build, "bin", "ffsandbox")


def start_sandbox(extra_args=(), timeout=30):
    """Starts ffsandbox serve --sandbox-api on free ports with a second app; answers a Target."""
    exe = binary()
    if not os.path.exists(exe):
        raise RuntimeError("no server binary at %s (build it, or set FFSANDBOX_BUILD or --api-url)" % exe)
    data_dir = tempfile.mkdtemp(prefix="ffc-")
    out = subprocess.run([exe, "apps", "create", "conformance2", "--data-dir", data_dir],
                         capture_output=True, text=True, timeout=30)
    key2 = re.search(r"API key:\s+(\S+)", out.stdout)
    secret2 = re.search(r"API secret:\s+(\S+)", out.stdout)
    app2 = (key2.group(1), secret2.group(1)) if key2 and secret2 else None
    ready = os.path.join(data_dir, "ready.json")
    args = [exe, "serve", "--data-dir", data_dir, "--http-port", "0", "--rtmp-port", "0", "--bind", "127.0.0.1",
            "--public-host", "127.0.0.1", "--app-key", APP_KEY, "--app-secret", APP_SECRET,
            "--sandbox-api", "--stall-timeout", "3", "--ready-file", ready,
            "--log-file", os.path.join(data_dir, "server.log")] + list(extra_args)
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("ffsandbox exited with %s; log in %s" % (proc.returncode, data_dir))
        if os.path.exists(ready):
            with open(ready) as f:
                ports = json.load(f)
            return Target("http://127.0.0.1:%d" % ports["http"], "rtmp://127.0.0.1:%d/live" % ports["rtmp"],
                          APP_KEY, APP_SECRET, app2=app2, proc=proc, data_dir=data_dir)
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError("ffsandbox did not become ready in %ss" % timeout)
