"""An archive that fails (sandbox chaos archive_fail -> Archiving::FailNextArchive): the post is
FAILED_PROCESSING with its reason, the room stays ENDED with vodState FAILED_ARCHIVING, and the
VIDEO_ROOM_FAILED_ARCHIVING webhook is sent. The next broadcast archives normally."""
import os
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lifecycle_helpers as lh  # noqa: E402
from lifecycle_helpers import mt  # noqa: E402

pytestmark = pytest.mark.skipif(not mt.have("ffmpeg"), reason="ffmpeg missing")


def broadcast(server, uid, key, seconds=3):
    rid = lh.new_room(server, uid)["id"]
    pub = mt.ffmpeg_publish(key["ingestUrl"] + "/" + key["streamKey"], seconds=60)
    try:
        server.wait_key_state(uid, "ACTIVE", timeout=15)
        lh.control(server, rid, "live")
        time.sleep(seconds)
    finally:
        mt.stop(pub)
    lh.wait_room(server, rid, lambda r: r["videoRoomState"] == "LIVE_INACTIVE", what="LIVE_INACTIVE")
    return rid, lh.control(server, rid, "ended")["videoPost"]["id"]


def test_injected_archive_failure(make_server):
    server = make_server("--sandbox-api")
    hooks = lh.WebhookReceiver()
    server.ok("PATCH", "/v2/apps/me", {"callback": {"url": hooks.url, "accessId": "a", "accessPassword": "p"}})
    try:
        status, body, _ = server.api("POST", "/_sandbox/chaos/faults", {"type": "archive_fail"}, auth=None)
        assert status == 201, body
        uid, key = lh.new_member(server)
        rid, pid = broadcast(server, uid, key)
        p = lh.wait_post_done(server, pid)
        assert p["videoPostState"] == "FAILED_PROCESSING"
        assert "injected" in p["failureReason"]
        r = lh.room(server, rid)
        assert r["videoRoomState"] == "ENDED" and r["vodState"] == "FAILED_ARCHIVING" and r["vodUrl"] is None
        server.wait_for(lambda: "VIDEO_ROOM_FAILED_ARCHIVING" in hooks.types(), timeout=10, what="webhook")
        assert "VIDEO_POST_FAILED_PROCESSING" in hooks.types()

        key = server.stream_key_of(uid)
        rid2, pid2 = broadcast(server, uid, key)
        assert lh.wait_post_done(server, pid2)["videoPostState"] == "PROCESSED"
        assert lh.room(server, rid2)["vodState"] == "ARCHIVED"
    finally:
        hooks.close()
