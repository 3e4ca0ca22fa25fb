"""The HTTP side of the conformance suite: a small API client with typed errors, an SSE
reader and a webhook receiver. Standard library only (urllib, http.server).

When the `ffsandbox` Python module (pybind/, built into {build}/python) is importable,
its ApiError is the error type raised here too, so SDK code and suite agree; the raw
requests stay on urllib because the suite must see statuses, headers and bodies the
SDK normalises away (auth failures, malformed JSON)."""
import base64
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

try:  # the SDK's typed error when the module is built
    from ffsandbox import ApiError as _SdkApiError  # noqa: F401
except Exception:  # pragma: no cover - module absent
    _SdkApiError = None


class ApiError(Exception if _SdkApiError is None else _SdkApiError):
    """An API call answered an error: .status, .error_code, .error_message."""

    def __init__(self, status, error_code, error_message=""):
        Exception.__init__(self, status, error_code, error_message)
        self.status = status
        self.error_code = error_code
        self.error_message = error_message

    def __str__(self):
        return "HTTP %s %s: %s" % (self.status, self.error_code, self.error_message)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.raw = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    @property
    def error_code(self):
        return self.json.get("errorCode") if isinstance(self.json, dict) else None


def http(method, url, body=None, headers=None, raw_body=None, timeout=30):
    data = raw_body if raw_body is not None else (json.dumps(body).encode() if body is not None else None)
    h = {"Accept": "application/json"}
    if data is not None:
        h["Content-Type"] = "application/json"
    h.update(headers or {})
    req = urllib.request.Request(url, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return Response(r.status, dict(r.headers), r.read())
    except urllib.error.HTTPError as e:
        return Response(e.code, dict(e.headers), e.read())


class Client:
    """The server API of one app (Basic auth). `request` answers the JSON or raises ApiError;
    `raw` answers a Response whatever the status."""

    def __init__(self, api_url, app_key, app_secret):
        self.api_url = api_url.rstrip("/")
        self.app_key = app_key
        self.app_secret = app_secret

    def auth_header(self, key=None, secret=None):
        token = base64.b64encode(("%s:%s" % (key or self.app_key, secret or self.app_secret)).encode()).decode()
        return {"Authorization": "Basic " + token}

    def url(self, path, query=None):
        if not path.startswith("/"):
            path = "/" + path
        if not (path.startswith("/v2/") or path.startswith("/_sandbox/")):
            path = "/v2/apps/me" + ("" if path == "/" else path)
        q = ("?" + urllib.parse.urlencode(query)) if query else ""
        return self.api_url + path + q

    def raw(self, method, path, body=None, query=None, auth=True, headers=None, raw_body=None):
        h = dict(self.auth_header() if auth is True else (auth or {}))
        h.update(headers or {})
        return http(method, self.url(path, query), body=body, headers=h, raw_body=raw_body)

    def request(self, method, path, body=None, query=None):
        r = self.raw(method, path, body=body, query=query)
        if r.status >= 400:
            j = r.json if isinstance(r.json, dict) else {}
            raise ApiError(r.status, j.get("errorCode", ""), j.get("errorMessage", r.raw[:200].decode("utf-8", "replace")))
        return r.json

    # helpers used across tests
    def member(self, app_user_id, **fields):
        return self.request("POST", "/members", dict(appUserId=app_user_id, **fields))

    def key_of(self, app_user_id):
        return self.request("GET", "/members/%s/stream-key" % app_user_id)

    def room(self, app_user_id, title="conformance"):
        return self.request("POST", "/video-rooms", {"type": "BROADCAST_RTMP", "appUserId": app_user_id,
                                                     "scheduledAt": "2030-01-01T00:00:00Z", "title": title})

    def member_api(self, app_user_id):
        tokens = self.request("POST", "/members/login", {"appUserId": app_user_id})
        return MemberClient(self.api_url, tokens["accessToken"])


class MemberClient:
    def __init__(self, api_url, access_token):
        self.api_url = api_url
        self.token = access_token

    def raw(self, method, path, body=None):
        return http(method, self.api_url + "/v2/members/me" + path, body=body,
                    headers={"Authorization": "Bearer " + self.token})


class SseReader:
    """Reads the member event source on a thread; .events is a list of (t, customData)."""

    def __init__(self, api_url, access_token):
        self.events = []
        self._stop = False
        u = urllib.parse.urlsplit(api_url)
        self._args = (u.hostname, u.port or 80, access_token)
        self.connected = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self.connected.wait(10)

    def _run(self):
        import http.client
        host, port, token = self._args
        conn = http.client.HTTPConnection(host, port, timeout=120)
        conn.request("GET", "/v2/members/me/event-sources",
                     headers={"Authorization": "Bearer " + token, "Accept": "text/event-stream"})
        resp = conn.getresponse()
        self.status = resp.status
        self.connected.set()
        data = []
        while not self._stop:
            line = resp.fp.readline()
            if not line:
                break
            line = line.decode("utf-8", "replace").rstrip("\r\n")
            if line.startswith("data:"):
                data.append(line[5:].strip())
            elif line == "" and data:
                try:
                    msg = json.loads("\n".join(data))
                    self.events.append((time.time(), msg.get("customData") or {}, msg))
                except ValueError:
                    pass
                data = []
        conn.close()

    def stop(self):
        self._stop = True


class WebhookReceiver:
    """A local HTTP server that records webhook POSTs: .calls is a list of (t, body, headers)."""

    def __init__(self, answer_status=200):
        self.calls = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n)
                try:
                    receiver.calls.append((time.time(), json.loads(body), dict(self.headers)))
                except ValueError:
                    receiver.calls.append((time.time(), None, dict(self.headers)))
                self.send_response(answer_status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/hook" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def wait_for(fn, timeout=20, interval=0.1, what="condition"):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = fn()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError("timed out after %ss waiting for %s (last: %r)" % (timeout, what, last))


def unique(prefix="u"):
    """A fresh appUserId-safe name (letters and digits)."""
    return "%s%d" % (prefix, int(time.time() * 1e6) % 10**12)
