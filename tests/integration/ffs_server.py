"""A real ffsandbox server for integration tests.

Starts build/bin/ffsandbox serve on free ports with a temporary data dir and
fixed app credentials, waits until it is ready, and offers small helpers to call
the API. Only the standard library: this runs on Debian's /usr/bin/python3.
"""
import base64
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import http.client

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("FFSANDBOX_BUILD", "build")
BINARY = os.path.join(REPO, BUILD, "bin", "ffsandbox") if not os.path.isabs(BUILD) else os.path.join(BUILD, "bin", "ffsandbox")

APP_KEY = "testAppKey0001"
APP_SECRET = "testAppSecret0001secret"


class Server:
    def __init__(self, data_dir, extra_args=(), env=None):
        self.data_dir = str(data_dir)
        self.extra_args = list(extra_args)
        self.env = dict(env or {})
        self.app_key = APP_KEY
        self.app_secret = APP_SECRET
        self.proc = None
        self.http_port = None
        self.rtmp_port = None
        self.log_path = os.path.join(self.data_dir, "server.log")

    # -- lifecycle -----------------------------------------------------------
    def start(self, timeout=20):
        os.makedirs(self.data_dir, exist_ok=True)
        ready = os.path.join(self.data_dir, "ready.json")
        if os.path.exists(ready):
            os.unlink(ready)
        args = [BINARY, "serve", "--data-dir", self.data_dir, "--http-port", "0", "--rtmp-port", "0",
                "--bind", "127.0.0.1", "--public-host", "127.0.0.1",
                "--app-key", self.app_key, "--app-secret", self.app_secret, "--ready-file", ready]
        args += self.extra_args
        env = dict(os.environ)
        env.update(self.env)
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("ffsandbox exited with %s; log:\n%s" % (self.proc.returncode, self.log()))
            if os.path.exists(ready):
                try:
                    with open(ready) as f:
                        ports = json.load(f)
                    self.http_port, self.rtmp_port = ports["http"], ports["rtmp"]
                    break
                except (ValueError, KeyError):
                    pass
            time.sleep(0.05)
        else:
            self.stop()
            raise RuntimeError("ffsandbox not ready in %ss; log:\n%s" % (timeout, self.log()))
        return self

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "_log", None):
            self._log.close()
            self._log = None
        return self.proc.returncode if self.proc else None

    def kill9(self):
        return self.stop(signal.SIGKILL)

    def restart(self, sig=signal.SIGTERM):
        self.stop(sig)
        return self.start()

    def log(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    # -- addresses -----------------------------------------------------------
    @property
    def http_base(self):
        return "http://127.0.0.1:%d" % self.http_port

    @property
    def rtmp_base(self):
        return "rtmp://127.0.0.1:%d/live" % self.rtmp_port

    # -- API -----------------------------------------------------------------
    def api(self, method, path, body=None, auth="app", raw_body=None, headers=None, timeout=30):
        """Calls the API. Returns (status, parsed JSON or text or None, headers dict)."""
        hdrs = {}
        if auth == "app":
            auth = (self.app_key, self.app_secret)
        if isinstance(auth, tuple) and len(auth) == 2 and auth[0] == "bearer":
            hdrs["Authorization"] = "Bearer " + auth[1]
        elif isinstance(auth, tuple):
            tok = base64.b64encode(("%s:%s" % auth).encode()).decode()
            hdrs["Authorization"] = "Basic " + tok
        data = None
        if raw_body is not None:
            data = raw_body if isinstance(raw_body, bytes) else raw_body.encode()
            hdrs["Content-Type"] = "application/json"
        elif body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        if headers:
            hdrs.update(headers)
        conn = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=timeout)
        try:
            conn.request(method, path, body=data, headers=hdrs)
            resp = conn.getresponse()
            raw = resp.read()
            rh = {k.lower(): v for k, v in resp.getheaders()}
        finally:
            conn.close()
        parsed = None
        if raw:
            if "json" in rh.get("content-type", ""):
                parsed = json.loads(raw)
            else:
                parsed = raw.decode("utf-8", "replace")
        return resp.status, parsed, rh

    def ok(self, method, path, body=None, expect=(200, 201, 204), **kw):
        """Like api() but asserts a success status and returns the body."""
        status, data, _ = self.api(method, path, body, **kw)
        assert status in ((expect,) if isinstance(expect, int) else expect), (method, path, status, data)
        return data

    # -- helpers for broadcast tests ----------------------------------------
    def wait_for(self, fn, timeout=20, interval=0.1, what="condition"):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            last = fn()
            if last:
                return last
            time.sleep(interval)
        raise AssertionError("timed out after %ss waiting for %s (last=%r)" % (timeout, what, last))

    def stream_key_of(self, app_user_id):
        return self.ok("GET", "/v2/apps/me/members/%s/stream-key" % app_user_id)

    def wait_key_state(self, app_user_id, state, timeout=20):
        return self.wait_for(lambda: (lambda k: k if k["streamKeyState"] == state else None)(
            self.stream_key_of(app_user_id)), timeout, what="stream key %s" % state)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
