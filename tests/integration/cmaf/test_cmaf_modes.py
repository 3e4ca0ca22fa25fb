"""Contract §4: which output mode applies (URL, key, app default), which play
URLs a CMAF ingest fills, and that ACTIVE comes only once segments exist.

Real server, real ffmpeg publisher, files fetched over HTTP.
"""
import os
import time

import pytest

from cmaf_tools import fetch, fetch_text, join, mt, new_member, parse_media, publish_url, rendition_urls

pytestmark = pytest.mark.skipif(not mt.have("ffmpeg"), reason="ffmpeg missing")

CMAF_URLS = ("cmafHlsPlayUrl", "cmafDashPlayUrl")
RTMP_URLS = ("rtmpPlayUrl", "httpFlvPlayUrl")


def watch_until_active(server, uid, timeout=40):
    """Polls the key every 20 ms; answers (key at ACTIVE, seconds spent in ACTIVE_PREP, keys seen in PREP)."""
    prep_at, prep_keys = None, []
    deadline = time.time() + timeout
    while time.time() < deadline:
        k = server.stream_key_of(uid)
        if k["streamKeyState"] == "ACTIVE_PREP":
            prep_at = prep_at or time.time()
            prep_keys.append(k)
        elif k["streamKeyState"] == "ACTIVE":
            return k, (time.time() - prep_at) if prep_at else None, prep_keys
        time.sleep(0.02)
    raise AssertionError("key never ACTIVE; log:\n" + server.log()[-3000:])


def assert_segments_published(server, key):
    """At ACTIVE every rendition (and audio) playlist lists a segment that is served."""
    hls = key["cmafHlsPlayUrl"]
    videos, audios = rendition_urls(hls)
    assert len(videos) == 2
    for url in videos + audios:
        pl = parse_media(fetch_text(url))
        assert pl["segments"], url
        seg = pl["segments"][0]
        assert len(fetch(join(url, seg["uri"]))) > 100
        assert len(fetch(join(url, seg["map"]))) > 100
    # the files are on disk under {data-dir}/cmaf/{playId}/
    play_id = hls.rstrip("/").split("/")[-2]
    out = os.path.join(server.data_dir, "cmaf", play_id)
    for track in ("360p", "720p"):
        assert any(f.startswith("seg-") for f in os.listdir(os.path.join(out, track)))


def check_cmaf_ingest(server, uid, key, url_mode, want_mode, seconds=30):
    pub = mt.ffmpeg_publish(publish_url(key, url_mode), seconds=seconds)
    try:
        k, prep_s, prep_keys = watch_until_active(server, uid)
        # right when ACTIVE is seen, the segments exist and are served
        assert_segments_published(server, k)
        # while preparing: no CMAF URL is handed out, and a 2 s segment takes >= ~2 s of real-time media
        assert prep_keys, "ACTIVE_PREP never observed"
        for pk in prep_keys:
            assert all(pk[f] is None for f in CMAF_URLS), pk
        assert prep_s is not None and prep_s > 1.5, prep_s
        assert k["mode"] == want_mode
        assert all(k[f] for f in CMAF_URLS), k
        assert k["cmafHlsPlayUrl"].endswith("/master.m3u8") and k["cmafDashPlayUrl"].endswith("/manifest.mpd")
        assert k["cmafHlsPlayUrl"].startswith(server.http_base + "/cmaf/")
        assert key["streamKey"] not in k["cmafHlsPlayUrl"]
        if want_mode == "RTMP_CMAF":
            assert all(k[f] for f in RTMP_URLS), k
            got = mt.ffprobe(k["httpFlvPlayUrl"], seconds=2)
            assert got["video"]["codec_name"] == "h264"
        else:
            assert all(k[f] is None for f in RTMP_URLS), k
        assert k["error"] is None
        return k
    finally:
        mt.stop(pub)
        server.wait_key_state(uid, "INACTIVE", timeout=20)


def test_url_mode_cmaf(server):
    uid, key = new_member(server)
    check_cmaf_ingest(server, uid, key, "CMAF", "CMAF")
    k = server.stream_key_of(uid)
    assert k["mode"] is None and all(k[f] is None for f in CMAF_URLS + RTMP_URLS)


def test_url_mode_rtmp_cmaf(server):
    uid, key = new_member(server)
    check_cmaf_ingest(server, uid, key, "RTMP_CMAF", "RTMP_CMAF")


def test_key_mode_cmaf(server):
    uid, key = new_member(server)
    server.ok("PATCH", "/v2/apps/me/stream-keys/%d" % key["id"], {"mode": "CMAF"})
    check_cmaf_ingest(server, uid, key, None, "CMAF")


def test_app_default_mode_cmaf(make_server):
    srv = make_server()
    app = srv.ok("PATCH", "/v2/apps/me", {"defaultRtmpOutputMode": "CMAF"})
    assert app["defaultRtmpOutputMode"] == "CMAF"
    uid, key = new_member(srv)
    check_cmaf_ingest(srv, uid, key, None, "CMAF")
    # the URL's mode still wins over the app default
    pub = mt.ffmpeg_publish(publish_url(key, "RTMP"), seconds=20)
    try:
        k = srv.wait_key_state(uid, "ACTIVE", timeout=20)
        assert k["mode"] == "RTMP" and all(k[f] is None for f in CMAF_URLS)
    finally:
        mt.stop(pub)
