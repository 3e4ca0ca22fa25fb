"""Undecodable or unsupported video on a CMAF ingest fills the stream key's
error{code,message,occurredAt}; the server stays up and another CMAF stream
running at the same time goes on.

FFmpeg 5.1 cannot put HEVC in FLV, so the unsupported codec is Sorenson
H.263 (FLV codec id 2, ffmpeg's `flv` encoder), and the undecodable stream is
a real H.264 FLV whose NAL unit payloads the test overwrites with garbage.
"""
import datetime
import os
import subprocess
import time

import pytest

from cmaf_tools import corrupt_flv, fetch_text, ffmpeg_push_file, mt, new_member, parse_media, publish_url, rendition_urls

pytestmark = pytest.mark.skipif(not mt.have("ffmpeg"), reason="ffmpeg missing")


def wait_error(server, uid, timeout=30):
    return server.wait_for(lambda: server.stream_key_of(uid).get("error"), timeout=timeout, what="key error")


def check_error(err, code):
    assert err["code"] == code, err
    assert err["message"], err
    at = datetime.datetime.fromisoformat(err["occurredAt"].replace("Z", "+00:00"))
    assert abs((datetime.datetime.now(datetime.timezone.utc) - at).total_seconds()) < 120, err


def segment_count(url):
    return parse_media(fetch_text(url))["sequence"] + len(parse_media(fetch_text(url))["segments"])


@pytest.fixture
def good_stream(server):
    """A healthy CMAF stream on another key, running through the test."""
    uid, key = new_member(server)
    pub = mt.ffmpeg_publish(publish_url(key, "CMAF"), seconds=60)
    k = server.wait_key_state(uid, "ACTIVE", timeout=40)
    videos, _ = rendition_urls(k["cmafHlsPlayUrl"])
    yield videos[0]
    mt.stop(pub)


def assert_goes_on(server, good_url):
    before = segment_count(good_url)
    server.wait_for(lambda: segment_count(good_url) >= before + 2, timeout=15, what="other stream's segments")
    st, body, _ = server.api("GET", "/health")
    assert st == 200 and server.proc.poll() is None


def test_unsupported_video_codec(server, good_stream, tmp_path):
    uid, key = new_member(server)
    pub = mt.ffmpeg_publish(publish_url(key, "CMAF"), seconds=20, audio=True,
                            extra=("-c:v", "flv", "-q:v", "5"))
    try:
        check_error(wait_error(server, uid), "UNSUPPORTED_CODEC")
        k = server.stream_key_of(uid)
        assert k["streamKeyState"] != "ACTIVE" and k["cmafHlsPlayUrl"] is None
        assert_goes_on(server, good_stream)
    finally:
        mt.stop(pub)


def test_garbage_h264(server, good_stream, tmp_path):
    src, bad = str(tmp_path / "good.flv"), str(tmp_path / "bad.flv")
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=640x360:rate=30:duration=12", "-c:v", "libx264", "-preset", "ultrafast",
                    "-g", "30", "-pix_fmt", "yuv420p", "-f", "flv", src], check=True)
    corrupt_flv(src, bad)
    uid, key = new_member(server)
    pub = ffmpeg_push_file(bad, publish_url(key, "CMAF"))
    try:
        check_error(wait_error(server, uid), "UNDECODABLE_STREAM")
        assert server.stream_key_of(uid)["cmafHlsPlayUrl"] is None
        assert_goes_on(server, good_stream)
    finally:
        mt.stop(pub)
    # a later good ingest on the same key works, and clears the previous ingest's error
    pub = mt.ffmpeg_publish(publish_url(key, "CMAF"), seconds=30)
    try:
        k = server.wait_key_state(uid, "ACTIVE", timeout=40)
        assert k["cmafHlsPlayUrl"] and k["error"] is None
    finally:
        mt.stop(pub)
