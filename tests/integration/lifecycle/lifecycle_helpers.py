"""Helpers of the broadcast-lifecycle tests: a webhook receiver, an SSE reader,
a broadcast driver, ffprobe of files/URLs. Standard library only."""
import hashlib
import hmac
import http.client
import http.server
import json
import os
import subprocess
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import media_tools as mt  # noqa: E402,F401


class WebhookReceiver:
    """An HTTP server on a free port that records every POST: (headers, raw body, parsed body)."""

    def __init__(self, status=200):
        received = self.received = []
        answer = status

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                n = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(n)
                received.append(({k.lower(): v for k, v in self.headers.items()}, raw, json.loads(raw)))
                self.send_response(answer)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *a):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/hook" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def types(self):
        return [b["type"] for _, _, b in self.received]

    def close(self):
        self.httpd.shutdown()


def verify_signature(header, body, secret, tolerance=300):
    parts = dict(p.split("=", 1) for p in header.split(","))
    t = parts["t"]
    want = hmac.new(secret.encode(), (t + ".").encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(want, parts["v1"]) and abs(time.time() - int(t)) <= tolerance


class SseReader:
    """GET /v2/members/me/event-sources with a Bearer token; collects the JSON of every data: line."""

    def __init__(self, port, token):
        self.messages = []
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.conn.request("GET", "/v2/members/me/event-sources",
                          headers={"Authorization": "Bearer " + token, "Accept": "text/event-stream"})
        self.resp = self.conn.getresponse()
        assert self.resp.status == 200, self.resp.status
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        try:
            while True:
                line = self.resp.fp.readline()
                if not line:
                    return
                line = line.decode().rstrip("\r\n")
                if line.startswith("data:"):
                    self.messages.append(json.loads(line[5:].strip()))
        except (OSError, ValueError):
            return

    def custom(self):
        return [m["customData"] for m in self.messages if isinstance(m.get("customData"), dict)]

    def close(self):
        try:
            sock = self.resp.fp.raw._sock if self.resp.fp else None
            if sock:
                sock.shutdown(2)
        except (OSError, AttributeError):
            pass
        self.conn.close()


def new_member(server):
    uid = "m" + uuid.uuid4().hex[:12]
    server.ok("POST", "/v2/apps/me/members", {"appUserId": uid, "appUserName": "tester"})
    return uid, server.stream_key_of(uid)


def new_room(server, uid, title="lifecycle"):
    return server.ok("POST", "/v2/apps/me/video-rooms",
                     {"type": "BROADCAST_RTMP", "appUserId": uid, "title": title,
                      "scheduledAt": "2030-01-01T00:00:00Z"})


def room(server, rid):
    return server.ok("GET", "/v2/apps/me/video-rooms/%d" % rid)


def post(server, pid):
    return server.ok("GET", "/v2/apps/me/video-posts/%d" % pid)


def control(server, rid, what):
    return server.ok("POST", "/v2/apps/me/video-rooms/%d/rtmp-broadcast/state/%s" % (rid, what))


def wait_room(server, rid, pred, timeout=30, what="room"):
    return server.wait_for(lambda: (lambda r: r if pred(r) else None)(room(server, rid)), timeout, what=what)


def wait_post_done(server, pid, timeout=90):
    return server.wait_for(
        lambda: (lambda p: p if p["videoPostState"] in ("PROCESSED", "FAILED_PROCESSING") else None)(post(server, pid)),
        timeout, interval=0.3, what="post %d processed" % pid)


def probe(url_or_path, timeout=60):
    """ffprobe -show_format -show_streams of a file or URL, as JSON."""
    out = subprocess.run(["timeout", str(timeout), "ffprobe", "-v", "error", "-show_format", "-show_streams",
                          "-of", "json", url_or_path], capture_output=True, text=True)
    assert out.returncode == 0, (url_or_path, out.stderr[-2000:])
    return json.loads(out.stdout)


def video_stream(info):
    return next(s for s in info["streams"] if s["codec_type"] == "video")


def fetch(url):
    host_port, _, path = url[len("http://"):].partition("/")
    host, _, port = host_port.partition(":")
    c = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        c.request("GET", "/" + path)
        r = c.getresponse()
        return r.status, r.read(), {k.lower(): v for k, v in r.getheaders()}
    finally:
        c.close()


def make_mp4(path, seconds=5, size="640x360"):
    """A real H.264/AAC MP4, generated faster than real time."""
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc=size=%s:rate=30:duration=%d" % (size, seconds),
                    "-f", "lavfi", "-i", "sine=frequency=440:duration=%d" % seconds,
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "30",
                    "-c:a", "aac", "-b:a", "64k", "-shortest", "-movflags", "+faststart", path], check=True)
