"""The BROADCAST_RTMP ladder on the wire: landscape 1080p60 with B-frames,
portrait (profile chosen with PATCH /stream-keys/{id}) and audio-less input.
Both renditions are probed over HTTP; segment durations, master playlist
variants and MPD representations are checked against the recipe.
"""
import time

import pytest

from cmaf_tools import (fetch_text, join, mt, new_member, parse_master, parse_media, parse_mpd,
                        probe_playlist, probe_segment, publish_url)

pytestmark = pytest.mark.skipif(not mt.have("ffmpeg"), reason="ffmpeg missing")

LANDSCAPE = {"360p": (640, 360), "720p": (1280, 720)}
PORTRAIT = {"360p": (360, 640), "720p": (720, 1280)}


def portrait_profile(server):
    page = server.ok("GET", "/v2/apps/me/transcoding-profiles?type=BROADCAST_RTMP")
    for p in page["content"]:
        sizes = [(v["width"], v["height"]) for v in p["profile"]["videoStreams"]]
        if all(h > w for w, h in sizes):
            return p
    raise AssertionError("no portrait BROADCAST_RTMP profile: %r" % page)


def wait_segments(url, n, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        pl = parse_media(fetch_text(url))
        if len(pl["segments"]) >= n:
            return pl
        time.sleep(0.5)
    raise AssertionError("%s: fewer than %d segments" % (url, n))


def check_ladder(server, key, tmp_path, want_sizes, audio, seg_dur=2.0):
    hls, dash = key["cmafHlsPlayUrl"], key["cmafDashPlayUrl"]
    variants, media = parse_master(fetch_text(hls))
    # master: one variant per rendition, with BANDWIDTH >= the recipe bit rate
    by_name = {v["uri"].split("/")[0]: v for v in variants}
    assert sorted(by_name) == sorted(want_sizes), variants
    for name, (w, h) in want_sizes.items():
        a = by_name[name]["attrs"]
        assert a["RESOLUTION"] == "%dx%d" % (w, h), a
        assert int(a["BANDWIDTH"]) >= (800000 if name == "360p" else 3000000), a
        assert a["CODECS"].startswith("avc1."), a
        assert ("mp4a.40.2" in a["CODECS"]) == audio, a
    assert bool([m for m in media if m.get("TYPE") == "AUDIO"]) == audio, media

    # every rendition: h264 at the recipe size over HTTP, segments of segmentDuration +-10%
    for name, (w, h) in want_sizes.items():
        url = join(hls, by_name[name]["uri"])
        pl = wait_segments(url, 3)
        assert pl["target"] and pl["target"] >= seg_dur
        for s in pl["segments"]:
            assert abs(s["duration"] - seg_dur) <= 0.1 * seg_dur, (name, s)
        data = probe_playlist(url, seconds=3)
        video = [s for s in data["streams"] if s["codec_type"] == "video"]
        assert video and video[0]["codec_name"] == "h264"
        assert (video[0]["width"], video[0]["height"]) == (w, h), video
        s = pl["segments"][1]
        st, dur = probe_segment(join(url, s["map"]), join(url, s["uri"]), tmp_path)
        assert st["codec_name"] == "h264" and (st["width"], st["height"]) == (w, h)
        assert abs(dur - seg_dur) <= 0.1 * seg_dur, (name, dur)

    # DASH: the same renditions, audio only when the input has audio
    _, reps = parse_mpd(fetch_text(dash))
    vids = {r["id"]: r for r in reps if r["contentType"] == "video"}
    assert {k: (r["width"], r["height"]) for k, r in vids.items()} == want_sizes
    assert all(r["codecs"].startswith("avc1.") for r in vids.values())
    auds = [r for r in reps if r["contentType"] == "audio"]
    assert bool(auds) == audio, reps
    if audio:
        a_url = join(hls, [m for m in media if m.get("TYPE") == "AUDIO"][0]["URI"])
        a_pl = wait_segments(a_url, 2)
        st, _ = probe_segment(join(a_url, a_pl["segments"][0]["map"]), join(a_url, a_pl["segments"][0]["uri"]),
                              tmp_path)
        assert st["codec_name"] == "aac"


def run(server, uid, key, tmp_path, want_sizes, audio=True, **pub):
    p = mt.ffmpeg_publish(publish_url(key, "CMAF"), seconds=40, audio=audio, **pub)
    try:
        k = server.wait_key_state(uid, "ACTIVE", timeout=40)
        check_ladder(server, k, tmp_path, want_sizes, audio)
    finally:
        mt.stop(p)
    server.wait_key_state(uid, "INACTIVE", timeout=20)


def test_landscape_1080p60_with_b_frames(server, tmp_path):
    uid, key = new_member(server)
    run(server, uid, key, tmp_path, LANDSCAPE, size="1920x1080", fps=60, gop=120, extra=("-bf", "2"))


def test_portrait_profile_applies_to_next_ingest(server, tmp_path):
    uid, key = new_member(server)
    prof = portrait_profile(server)
    k = server.ok("PATCH", "/v2/apps/me/stream-keys/%d" % key["id"], {"profileId": prof["id"]})
    assert k["profile"]["id"] == prof["id"]
    run(server, uid, key, tmp_path, PORTRAIT, size="720x1280")


def test_audio_less_stream(server, tmp_path):
    uid, key = new_member(server)
    run(server, uid, key, tmp_path, LANDSCAPE, audio=False)
