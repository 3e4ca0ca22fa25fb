"""Issue 3 / contract §4: the stream-key state machine driven by real RTMP on the wire.

A real ffmpeg (and GStreamer) publisher pushes into the real server; states are read
back through the API; players are ffprobe and rtmpdump.
"""
import os
import signal
import sys
import time
import uuid

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import media_tools as mt  # noqa: E402

pytestmark = pytest.mark.skipif(not mt.have("ffmpeg"), reason="ffmpeg missing")


def new_member(server):
    uid = "m" + uuid.uuid4().hex[:12]
    server.ok("POST", "/v2/apps/me/members", {"appUserId": uid, "appUserName": "tester"})
    key = server.stream_key_of(uid)
    return uid, key


def publish_url(key, mode=None, obs_style=False):
    url = key["ingestUrl"] + "/" + key["streamKey"]
    if mode:
        url += "?mode=" + mode
    return url


def new_room(server, uid, title="room"):
    return server.ok("POST", "/v2/apps/me/video-rooms",
                     {"type": "BROADCAST_RTMP", "appUserId": uid, "title": title,
                      "scheduledAt": "2030-01-01T00:00:00Z"})


def room(server, rid):
    return server.ok("GET", "/v2/apps/me/video-rooms/%d" % rid)


def test_ingest_url_points_at_our_rtmp_port(server):
    uid, key = new_member(server)
    assert key["ingestUrl"] == server.rtmp_base
    assert key["streamKeyState"] == "INACTIVE"
    assert key["mode"] is None
    assert key["rtmpPlayUrl"] is None and key["httpFlvPlayUrl"] is None


def test_publish_goes_active_and_plays_over_rtmp_and_http_flv(server):
    uid, key = new_member(server)
    pub = mt.ffmpeg_publish(publish_url(key))
    try:
        k = server.wait_key_state(uid, "ACTIVE", timeout=15)
        assert k["mode"] == "RTMP"
        rtmp_url, flv_url = k["rtmpPlayUrl"], k["httpFlvPlayUrl"]
        assert rtmp_url and flv_url
        assert k["cmafHlsPlayUrl"] is None and k["cmafDashPlayUrl"] is None
        # a viewer must not learn the key from a play URL
        assert key["streamKey"] not in rtmp_url and key["streamKey"] not in flv_url
        for url in (rtmp_url, flv_url):
            got = mt.ffprobe(url, seconds=3)
            assert got["video"]["codec_name"] == "h264"
            assert (got["video"]["width"], got["video"]["height"]) == (640, 360)
            assert got["audio"]["codec_name"] == "aac"
            assert got["video_duration"] >= 2.0, got["video_duration"]
        flv = mt.rtmpdump(rtmp_url, seconds=4)
        assert flv[:3] == b"FLV" and len(flv) > 50_000
        # per-ingest stats on the key
        stats = server.stream_key_of(uid).get("stats") or {}
        assert stats.get("videoCodec") in ("H264", "h264") and stats.get("width") == 640
    finally:
        mt.stop(pub)
    server.wait_key_state(uid, "INACTIVE", timeout=15)
    k = server.stream_key_of(uid)
    assert k["rtmpPlayUrl"] is None and k["mode"] is None
    # the stream key never appears in the server's log
    assert key["streamKey"] not in server.log()


def test_unknown_key_is_refused(server):
    pub = mt.ffmpeg_publish(server.rtmp_base + "/notAKey0000000000000", seconds=5)
    rc = pub.wait(15)
    assert rc != 0


def test_second_publisher_is_refused_and_first_untouched(server):
    uid, key = new_member(server)
    first = mt.ffmpeg_publish(publish_url(key))
    try:
        server.wait_key_state(uid, "ACTIVE", timeout=15)
        second = mt.ffmpeg_publish(publish_url(key), seconds=5)
        assert second.wait(15) != 0
        assert first.poll() is None
        time.sleep(1)
        assert server.stream_key_of(uid)["streamKeyState"] == "ACTIVE"
        got = mt.ffprobe(server.stream_key_of(uid)["rtmpPlayUrl"], seconds=2)
        assert got["video_packets"] > 30
    finally:
        mt.stop(first)


def test_mode_in_stream_name_obs_style_and_precedence(server):
    uid, key = new_member(server)
    # the key's own default mode, then the URL's mode wins over it
    server.ok("PATCH", "/v2/apps/me/stream-keys/%d" % key["id"], {"mode": "RTMP_CMAF"})
    pub = mt.ffmpeg_publish(publish_url(key, mode="RTMP"))
    try:
        k = server.wait_key_state(uid, "ACTIVE", timeout=15)
        assert k["mode"] == "RTMP"
    finally:
        mt.stop(pub)
    server.wait_key_state(uid, "INACTIVE", timeout=15)


def test_stall_is_an_ingest_stop(make_server):
    srv = make_server("--stall-timeout", "2")
    uid, key = new_member(srv)
    pub = mt.ffmpeg_publish(publish_url(key))
    try:
        srv.wait_key_state(uid, "ACTIVE", timeout=15)
        pub.send_signal(signal.SIGSTOP)  # socket stays open, no media
        t0 = time.time()
        srv.wait_key_state(uid, "INACTIVE", timeout=10)
        assert time.time() - t0 < 6
    finally:
        pub.send_signal(signal.SIGCONT)
        mt.stop(pub, signal.SIGKILL)


def test_takeover_after_silent_publisher(server):
    uid, key = new_member(server)
    first = mt.ffmpeg_publish(publish_url(key))
    second = None
    try:
        server.wait_key_state(uid, "ACTIVE", timeout=15)
        first.send_signal(signal.SIGSTOP)  # a network cut: no FIN, no media
        time.sleep(3.5)
        second = mt.ffmpeg_publish(publish_url(key))
        time.sleep(2)
        assert second.poll() is None, "the reconnecting encoder was refused"
        k = server.wait_key_state(uid, "ACTIVE", timeout=10)
        got = mt.ffprobe(k["rtmpPlayUrl"], seconds=2)
        assert got["video_packets"] > 20
    finally:
        first.send_signal(signal.SIGCONT)
        mt.stop(first, signal.SIGKILL)
        if second:
            mt.stop(second)


def test_gstreamer_rtmp2sink_publishes(server):
    if not mt.have("gst-launch-1.0"):
        pytest.skip("gstreamer missing")
    uid, key = new_member(server)
    pub = mt.gst_publish(publish_url(key), seconds=20)
    try:
        k = server.wait_key_state(uid, "ACTIVE", timeout=15)
        got = mt.ffprobe(k["httpFlvPlayUrl"], seconds=2)
        assert got["video"]["codec_name"] == "h264" and got["video"]["width"] == 640
    finally:
        mt.stop(pub)
    server.wait_key_state(uid, "INACTIVE", timeout=15)


def test_room_broadcast_flapping_ten_times(server):
    uid, key = new_member(server)
    rid = new_room(server, uid)["id"]
    pub = mt.ffmpeg_publish(publish_url(key))
    try:
        server.wait_key_state(uid, "ACTIVE", timeout=15)
        live = server.ok("POST", "/v2/apps/me/video-rooms/%d/rtmp-broadcast/state/live" % rid)
        assert live["videoRoomState"] == "LIVE"
        assert server.stream_key_of(uid)["streamKeyState"] == "ACTIVE_LIVE"
        urls = set()
        for i in range(10):
            r = room(server, rid)
            assert r["videoRoomState"] == "LIVE" and r["rtmpPlayUrl"], r
            urls.add(r["playUrl"])
            mt.stop(pub, signal.SIGKILL if i % 2 else signal.SIGINT)  # abrupt and clean breaks
            server.wait_key_state(uid, "INACTIVE_LIVE", timeout=15)
            r = room(server, rid)
            assert r["videoRoomState"] == "LIVE_INACTIVE" and r["playUrl"] is None
            pub = mt.ffmpeg_publish(publish_url(key))
            server.wait_key_state(uid, "ACTIVE_LIVE", timeout=15)
        assert len(urls) == 10, "a resumed broadcast hands out a new playUrl (contract §5)"
    finally:
        mt.stop(pub)
    server.wait_key_state(uid, "INACTIVE_LIVE", timeout=15)
    ended = server.ok("POST", "/v2/apps/me/video-rooms/%d/rtmp-broadcast/state/ended" % rid)
    assert ended["videoRoomState"] == "ENDED"
    k = server.stream_key_of(uid)
    assert k["streamKeyState"] == "INACTIVE" and k["videoRoom"] is None


def test_force_terminate_drops_ingest_and_reissues_key(server):
    uid, key = new_member(server)
    rid = new_room(server, uid)["id"]
    pub = mt.ffmpeg_publish(publish_url(key))
    try:
        server.wait_key_state(uid, "ACTIVE", timeout=15)
        server.ok("POST", "/v2/apps/me/video-rooms/%d/rtmp-broadcast/state/live" % rid)
        server.ok("POST", "/v2/apps/me/members/%s/stream-key/force-terminate" % uid, expect=(200, 204))
        assert pub.wait(10) is not None  # the connection was dropped: ffmpeg ends
        k = server.stream_key_of(uid)
        assert k["streamKeyState"] == "INACTIVE" and k["forciblyTerminated"] is True
        assert k["streamKey"] != key["streamKey"]
        r = room(server, rid)
        assert r["videoRoomState"] == "ENDED" and r["forciblyTerminated"] is True
        assert r["videoPost"] is None  # no VOD of a force-terminated broadcast
        old = mt.ffmpeg_publish(publish_url(key), seconds=5)
        assert old.wait(15) != 0  # the old key is refused
        new = mt.ffmpeg_publish(publish_url(k))
        try:
            server.wait_key_state(uid, "ACTIVE", timeout=15)
        finally:
            mt.stop(new)
    finally:
        mt.stop(pub, signal.SIGKILL)
