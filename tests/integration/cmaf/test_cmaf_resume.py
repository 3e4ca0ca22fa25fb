"""An interrupted and resumed broadcast in a live room keeps one playable HLS
timeline at the same URL: EXT-X-DISCONTINUITY + a new EXT-X-MAP, media
sequence numbers continue, and DASH opens a new Period.
"""
import re

import pytest

from cmaf_tools import fetch_text, join, mt, new_member, parse_master, parse_media, parse_mpd, probe_json, publish_url

pytestmark = pytest.mark.skipif(not mt.have("ffmpeg"), reason="ffmpeg missing")


def test_interrupted_broadcast_resumes_same_urls(server):
    uid, key = new_member(server)
    room = server.ok("POST", "/v2/apps/me/video-rooms", {"type": "BROADCAST_RTMP", "appUserId": uid,
                                                         "title": "cmaf resume", "scheduledAt": "2030-01-01T00:00:00Z"})
    pub = mt.ffmpeg_publish(publish_url(key, "CMAF"), seconds=40)
    try:
        k1 = server.wait_key_state(uid, "ACTIVE", timeout=40)
        server.ok("POST", "/v2/apps/me/video-rooms/%d/rtmp-broadcast/state/live" % room["id"])
        server.wait_key_state(uid, "ACTIVE_LIVE", timeout=10)
        hls = k1["cmafHlsPlayUrl"]
        variants, _ = parse_master(fetch_text(hls))
        url = join(hls, variants[0]["uri"])
        server.wait_for(lambda: len(parse_media(fetch_text(url))["segments"]) >= 3, timeout=20, what="3 segments")
    finally:
        mt.stop(pub)
    server.wait_key_state(uid, "INACTIVE_LIVE", timeout=20)
    before = parse_media(fetch_text(url))
    last_seq_num = int(re.search(r"seg-(\d+)", before["segments"][-1]["uri"]).group(1))

    pub = mt.ffmpeg_publish(publish_url(key, "CMAF"), seconds=40)
    try:
        k2 = server.wait_key_state(uid, "ACTIVE_LIVE", timeout=40)
        assert k2["cmafHlsPlayUrl"] == hls and k2["cmafDashPlayUrl"] == k1["cmafDashPlayUrl"]
        r = server.ok("GET", "/v2/apps/me/video-rooms/%d" % room["id"])
        assert r["videoRoomState"] == "LIVE" and r["cmafHlsPlayUrl"]
        server.wait_for(lambda: len([s for s in parse_media(fetch_text(url))["segments"] if s["map"] != before["segments"][0]["map"]]) >= 2,
                        timeout=20, what="2 resumed segments")
        pl = parse_media(fetch_text(url))
        _, reps = parse_mpd(fetch_text(k2["cmafDashPlayUrl"]))
        assert "#EXT-X-ENDLIST" not in pl["lines"]
        segs = pl["segments"]
        first_new = next(i for i, s in enumerate(segs) if s["map"] != segs[0]["map"])
        assert segs[first_new]["discontinuity"], pl["lines"]
        assert segs[first_new]["map"] == "init-2.mp4" and segs[0]["map"] == "init-1.mp4"
        # segment numbers continue across the interruption (the first ingest's last, partial
        # segment may be published after the key went INACTIVE_LIVE: it is flushed at the end)
        nums = [int(re.search(r"seg-(\d+)", s["uri"]).group(1)) for s in segs]
        assert nums == list(range(nums[0], nums[0] + len(nums))), nums
        assert nums[0] == pl["sequence"], (pl["sequence"], nums)  # EXT-X-MEDIA-SEQUENCE = segment number
        assert nums[first_new - 1] >= last_seq_num, (nums, last_seq_num)
        # DASH: the resumed ingest is a new Period at the same URL, next to the old one still in the window
        assert {"1", "2"} <= {r["period"] for r in reps}, reps
        assert any(r["init"].endswith("init-2.mp4") for r in reps)
        # a player reads the window from its start across the discontinuity: one continuous timeline
        window_s = sum(s["duration"] for s in segs)
        old_s = sum(s["duration"] for s in segs[:first_new])
        data = probe_json(url, "stream=codec_name,width,height:packet=pts_time",
                          extra=["-live_start_index", "0", "-read_intervals", "%%+%.1f" % window_s])
        pts = sorted(float(p["pts_time"]) for p in data["packets"] if p.get("pts_time") not in (None, "N/A"))
        assert data["streams"][0]["codec_name"] == "h264"
        assert pts[-1] - pts[0] > old_s + 1.0, (pts[0], pts[-1], old_s)  # read well into the resumed part
        gaps = [b - a for a, b in zip(pts, pts[1:])]
        assert max(gaps) < 0.5, max(gaps)
    finally:
        mt.stop(pub)
    server.wait_key_state(uid, "INACTIVE_LIVE", timeout=20)
