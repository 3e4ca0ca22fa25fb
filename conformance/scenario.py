"""A broadcast scenario's observer: the stream key and room states by polling, webhooks and
member events (SSE), recorded into a report.Timeline."""
import threading
import time

import media
from client import SseReader, wait_for

KEY, ROOM = "stream key", "room"


class Observer:
    def __init__(self, target, timeline, app_user_id, hooks=None, sse=True):
        self.t = target
        self.tl = timeline
        self.uid = app_user_id
        self.hooks = hooks
        self.key = target.app.key_of(app_user_id)
        self.key_id = self.key["id"]
        self.room_id = None
        self.sse = SseReader(target.api_url, target.app.request(
            "POST", "/members/login", {"appUserId": app_user_id})["accessToken"]) if sse else None
        self._hook_i = 0
        self._sse_i = 0
        self._stop = False
        self._lock = threading.Lock()  # GET + observe together, so a lane stays in time order
        self.last = {}
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def watch_room(self, room_id):
        self.room_id = room_id

    def _poll(self):
        while not self._stop:
            try:
                self.state(KEY)
                if self.room_id:
                    self.state(ROOM)
            except Exception:  # noqa: BLE001 - a transient error shows as a gap
                pass
            time.sleep(0.08)

    def collect(self):
        if self.hooks:
            calls = self.hooks.calls
            while self._hook_i < len(calls):
                t, body, _ = calls[self._hook_i]
                self._hook_i += 1
                d = (body or {}).get("data") or {}
                if d.get("streamKeyId") == self.key_id and "streamKeyStreamKeyState" in d:
                    self.tl.observe(KEY, "webhook", d["streamKeyStreamKeyState"], t)
                if self.room_id and d.get("videoRoomId") == self.room_id and "videoRoomVideoRoomState" in d:
                    self.tl.observe(ROOM, "webhook", d["videoRoomVideoRoomState"], t)
        if self.sse:
            ev = self.sse.events
            while self._sse_i < len(ev):
                t, cd, _ = ev[self._sse_i]
                self._sse_i += 1
                if cd.get("type") == "STREAM_KEY" and cd.get("streamKeyId") == self.key_id:
                    self.tl.observe(KEY, "sse", cd.get("streamKeyState"), t)
                if cd.get("type") == "VIDEO_ROOM" and cd.get("videoRoomId") == self.room_id:
                    self.tl.observe(ROOM, "sse", cd.get("videoRoomState"), t)

    def state(self, entity=KEY):
        """GETs the entity's state now (recorded in the poll lane)."""
        with self._lock:
            if entity == KEY:
                j = self.t.app.request("GET", "/stream-keys/%d" % self.key_id)
                s = j["streamKeyState"]
            else:
                j = self.t.app.request("GET", "/video-rooms/%d" % self.room_id)
                s = j["videoRoomState"]
            self.last[entity] = j
            self.tl.observe(entity, "poll", s)
            return s

    def wait(self, state, entity=KEY, timeout=25):
        wait_for(lambda: self.state(entity) == state, timeout=timeout, what="%s %s" % (entity, state))
        self.collect()

    def seq(self, entity, source):
        self.collect()
        return self.tl.sequence(entity, source)

    def settle(self, seconds=1.0):
        """Let webhooks and events of the last transition arrive."""
        time.sleep(seconds)
        self.collect()

    def close(self):
        self._stop = True
        self._thread.join(2)
        self.collect()
        if self.sse:
            self.sse.stop()

    # media
    def publish(self, key_string=None, mode=None, seconds=120):
        url = "%s/%s" % (self.t.rtmp_url, key_string or self.t.app.key_of(self.uid)["streamKey"])
        if mode:
            url += "?mode=" + mode
        return media.publish(url, seconds=seconds)


def assert_sequence(actual, expected, what, exact=True):
    """exact: the observed sequence equals the expected one; else expected is a subsequence."""
    if exact:
        assert actual == expected, "%s: observed %s, contract says %s" % (what, actual, expected)
        return
    it = iter(actual)
    assert all(s in it for s in expected), "%s: observed %s, contract needs %s in order" % (what, actual, expected)
