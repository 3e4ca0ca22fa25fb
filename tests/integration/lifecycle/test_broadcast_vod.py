"""Broadcast lifecycle to VOD (contract §5, §6, §8) with a real ffmpeg publisher.

Publish ~4 s before go-live, go live, stop for 5 s, resume, stop, end: the recording's
post reaches PROCESSED and the room ARCHIVED; ffprobe finds an MP4 as long as the live
time without the gap and without the pre-live time; HLS, DASH and the thumbnail open over
HTTP; webhooks arrive in order and signed; the member's event source sees key and room.
"""
import os
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lifecycle_helpers as lh  # noqa: E402
from lifecycle_helpers import mt  # noqa: E402

pytestmark = pytest.mark.skipif(not (mt.have("ffmpeg") and mt.have("ffprobe")), reason="ffmpeg missing")

SECRET = "hook-secret-123"


def in_order(seq, wanted):
    """wanted is a subsequence of seq."""
    it = iter(seq)
    return all(any(x == w for x in it) for w in wanted)


def test_broadcast_with_gap_becomes_vod(server):
    hooks = lh.WebhookReceiver()
    server.ok("PATCH", "/v2/apps/me", {"callback": {"url": hooks.url, "accessId": "hookuser",
                                                    "accessPassword": SECRET}})
    uid, key = lh.new_member(server)
    login = server.ok("POST", "/v2/apps/me/members/login", {"appUserId": uid})
    sse = lh.SseReader(server.http_port, login["accessToken"])
    rid = lh.new_room(server, uid)["id"]
    url = key["ingestUrl"] + "/" + key["streamKey"]
    try:
        pub = mt.ffmpeg_publish(url, seconds=120, gop=15)
        server.wait_key_state(uid, "ACTIVE", timeout=15)
        time.sleep(4)  # pre-live time: never recorded
        lh.control(server, rid, "live")
        t_live = time.time()
        time.sleep(6)
        t_stop1 = time.time()  # ffmpeg sends nothing after SIGINT
        mt.stop(pub)
        lh.wait_room(server, rid, lambda r: r["videoRoomState"] == "LIVE_INACTIVE", what="LIVE_INACTIVE")
        time.sleep(5)  # the gap
        pub = mt.ffmpeg_publish(url, seconds=120, gop=15)
        server.wait_for(lambda: lh.room(server, rid)["videoRoomState"] == "LIVE", timeout=20, interval=0.05,
                        what="resumed")
        t_resumed = time.time()
        time.sleep(5)
        t_stop2 = time.time()
        mt.stop(pub)
        lh.wait_room(server, rid, lambda r: r["videoRoomState"] == "LIVE_INACTIVE", what="LIVE_INACTIVE 2")
        ended = lh.control(server, rid, "ended")
        assert ended["videoRoomState"] == "ENDED" and ended["vodState"] == "ARCHIVING"
        pid = ended["videoPost"]["id"]

        p = lh.wait_post_done(server, pid)
        assert p["videoPostState"] == "PROCESSED", p
        assert p["type"] == "LIVE_RECORDED" and p["videoRoom"]["id"] == rid
        r = lh.room(server, rid)
        assert r["videoRoomState"] == "ARCHIVED" and r["vodState"] == "ARCHIVED", r
        assert r["vodArchivedAt"] and r["vodUrl"].startswith(server.http_base + "/vod/%d/" % pid)

        files = p["file"]
        summaries = {s["format"]: s for s in files["processedSummaries"]}
        assert set(summaries) == {"MP4", "CMAF_HLS", "CMAF_MPEG_DASH"}, summaries
        for s in summaries.values():
            assert s["size"] > 0 and s["url"].startswith(server.http_base + "/vod/%d/" % pid)
        assert files["src"]["url"] == summaries["MP4"]["url"]

        # duration = live time without the gap nor the pre-live time (±1 s)
        live = (t_stop1 - t_live) + (t_stop2 - t_resumed)
        mp4 = lh.probe(summaries["MP4"]["url"])
        duration = float(mp4["format"]["duration"])
        print("live %.2f s, mp4 %.2f s" % (live, duration))
        assert abs(duration - live) <= 1.0, (duration, live)
        v = lh.video_stream(mp4)
        assert (v["codec_name"], v["width"], v["height"]) == ("h264", 640, 360)
        for fmt in ("CMAF_HLS", "CMAF_MPEG_DASH"):
            info = lh.probe(summaries[fmt]["url"])
            assert abs(float(info["format"]["duration"]) - duration) <= 1.0, (fmt, info["format"])
            assert lh.video_stream(info)["codec_name"] == "h264"
        thumb = files["thumbnail"]
        status, body, hdrs = lh.fetch(thumb["url"])
        assert status == 200 and body[:2] == b"\xff\xd8" and hdrs["content-type"] == "image/jpeg"
        t = lh.video_stream(lh.probe(thumb["url"]))
        assert (t["width"], t["height"]) == (640, 360)
        assert r["vodUrl"] == summaries["CMAF_HLS"]["url"]

        # webhooks: every one signed, each entity's in order
        server.wait_for(lambda: "VIDEO_POST_PROCESSED" in hooks.types(), timeout=10, what="webhooks")
        for headers, raw, _ in hooks.received:
            assert lh.verify_signature(headers["flipflop-signature"], raw, SECRET), headers
            assert headers["authorization"].startswith("Basic ")
        room_types = [b["type"] for _, _, b in hooks.received if b["data"].get("videoRoomId") == rid]
        assert in_order(room_types, ["VIDEO_ROOM_LIVE", "VIDEO_ROOM_LIVE_INACTIVE", "VIDEO_ROOM_LIVE",
                                     "VIDEO_ROOM_LIVE_INACTIVE", "VIDEO_ROOM_ENDED", "VIDEO_ROOM_ARCHIVED"]), room_types
        post_types = [b["type"] for _, _, b in hooks.received if b["data"].get("videoPostId") == pid]
        assert post_types == ["VIDEO_POST_QUEUED", "VIDEO_POST_PROCESSING", "VIDEO_POST_PROCESSED"], post_types
        key_states = [b["data"]["streamKeyStreamKeyState"] for _, _, b in hooks.received
                      if b["data"].get("streamKeyId") == key["id"]]
        assert in_order(key_states, ["ACTIVE", "ACTIVE_LIVE", "INACTIVE_LIVE", "ACTIVE_LIVE", "INACTIVE_LIVE",
                                     "INACTIVE"]), key_states
        # the deliveries read back through the API
        deliveries = server.ok("GET", "/v2/apps/me/webhook-deliveries")["content"]
        assert any(d["type"] == "VIDEO_POST_PROCESSED" and d["succeeded"] and d["httpStatus"] == 200
                   for d in deliveries), deliveries[:3]

        # the member's event source saw its key and its room
        server.wait_for(lambda: any(c.get("videoRoomState") == "ARCHIVED" for c in sse.custom()),
                        timeout=10, what="SSE ARCHIVED")
        room_states = [c["videoRoomState"] for c in sse.custom() if c.get("type") == "VIDEO_ROOM"]
        assert in_order(room_states, ["LIVE", "LIVE_INACTIVE", "LIVE", "LIVE_INACTIVE", "ENDED", "ARCHIVED"]), \
            room_states
        key_sse = [c["streamKeyState"] for c in sse.custom() if c.get("type") == "STREAM_KEY"]
        assert in_order(key_sse, ["ACTIVE_LIVE", "INACTIVE_LIVE", "ACTIVE_LIVE", "INACTIVE_LIVE", "INACTIVE"]), key_sse
    finally:
        sse.close()
        hooks.close()
        server.ok("PATCH", "/v2/apps/me", {"callback": None})


def test_force_terminated_broadcast_keeps_no_vod(server):
    uid, key = lh.new_member(server)
    rid = lh.new_room(server, uid)["id"]
    pub = mt.ffmpeg_publish(key["ingestUrl"] + "/" + key["streamKey"], seconds=60)
    try:
        server.wait_key_state(uid, "ACTIVE", timeout=15)
        lh.control(server, rid, "live")
        time.sleep(3)
        server.ok("POST", "/v2/apps/me/stream-keys/%d/force-terminate" % key["id"])
        r = lh.wait_room(server, rid, lambda r: r["videoRoomState"] == "ENDED", what="ENDED")
    finally:
        mt.stop(pub)
    assert r["forciblyTerminated"] is True
    time.sleep(2)
    r = lh.room(server, rid)
    assert r["vodState"] == "NOT_ARCHIVED" and r["videoPost"] is None and r["vodUrl"] is None
    posts = server.ok("GET", "/v2/apps/me/video-posts?pageSize=100")["content"]
    assert not [p for p in posts if (p.get("videoRoom") or {}).get("id") == rid]


def test_auto_end_after_inactive_seconds(server):
    server.ok("PATCH", "/v2/apps/me", {"autoEndAfterInactiveSeconds": 2})
    try:
        uid, key = lh.new_member(server)
        rid = lh.new_room(server, uid)["id"]
        pub = mt.ffmpeg_publish(key["ingestUrl"] + "/" + key["streamKey"], seconds=60)
        server.wait_key_state(uid, "ACTIVE", timeout=15)
        lh.control(server, rid, "live")
        time.sleep(3)
        mt.stop(pub)
        lh.wait_room(server, rid, lambda r: r["videoRoomState"] == "LIVE_INACTIVE", what="LIVE_INACTIVE")
        t0 = time.time()
        r = lh.wait_room(server, rid, lambda r: r["videoRoomState"] in ("ENDED", "ARCHIVED"), timeout=10,
                         what="auto end")
        assert 1.5 <= time.time() - t0 <= 4.5
        assert r["forciblyTerminated"] is False and r["vodState"] in ("ARCHIVING", "ARCHIVED")
        p = lh.wait_post_done(server, r["videoPost"]["id"])
        assert p["videoPostState"] == "PROCESSED"
    finally:
        server.ok("PATCH", "/v2/apps/me", {"autoEndAfterInactiveSeconds": 0})


def test_auto_end_is_off_by_default(server):
    uid, key = lh.new_member(server)
    rid = lh.new_room(server, uid)["id"]
    pub = mt.ffmpeg_publish(key["ingestUrl"] + "/" + key["streamKey"], seconds=60)
    server.wait_key_state(uid, "ACTIVE", timeout=15)
    lh.control(server, rid, "live")
    time.sleep(2)
    mt.stop(pub)
    lh.wait_room(server, rid, lambda r: r["videoRoomState"] == "LIVE_INACTIVE", what="LIVE_INACTIVE")
    time.sleep(3)
    assert lh.room(server, rid)["videoRoomState"] == "LIVE_INACTIVE"
    lh.control(server, rid, "ended")
