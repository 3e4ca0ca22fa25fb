"""Contract §4 ingest URL and output mode: outputs per mode, URL -> key -> app precedence."""
import pytest

import media
from client import http
from client import unique
from scenario import KEY

CLAUSE = "contract §4 output mode"


def urls(k):
    return {u for u in ("rtmpPlayUrl", "httpFlvPlayUrl", "cmafHlsPlayUrl", "cmafDashPlayUrl") if k.get(u)}


@pytest.mark.clause(CLAUSE + ": app default RTMP gives RTMP and HTTP-FLV outputs only")
def test_app_default_rtmp(target, observe, timeline):
    app = target.app
    assert app.request("GET", "/")["defaultRtmpOutputMode"] in ("RTMP", "CMAF", "RTMP_CMAF")
    uid = unique("mrtmp")
    app.member(uid)
    o = observe(uid, sse=False)
    default = app.request("GET", "/")["defaultRtmpOutputMode"]
    timeline.expect(KEY, ["INACTIVE", "ACTIVE_PREP", "ACTIVE"])
    if default != "RTMP":
        pytest.skip("the app's defaultRtmpOutputMode is %s, not the new-app default RTMP" % default)
    o.publish()
    o.wait("ACTIVE")
    k = app.key_of(uid)
    assert k["mode"] == "RTMP"
    assert urls(k) == {"rtmpPlayUrl", "httpFlvPlayUrl"}, k
    info = media.probe(k["httpFlvPlayUrl"])
    assert info["video"] and info["audio"], "HTTP-FLV plays audio and video"


@pytest.mark.clause(CLAUSE + ": the URL's mode wins over the key's")
def test_url_mode_beats_key_mode(target, observe, timeline):
    app = target.app
    uid = unique("murl")
    app.member(uid)
    key = app.key_of(uid)
    app.request("PATCH", "/stream-keys/%d" % key["id"], {"mode": "CMAF"})
    o = observe(uid, sse=False)
    timeline.expect(KEY, ["INACTIVE", "ACTIVE_PREP", "ACTIVE"])
    o.publish(mode="RTMP")
    o.wait("ACTIVE")
    k = app.key_of(uid)
    assert k["mode"] == "RTMP" and urls(k) == {"rtmpPlayUrl", "httpFlvPlayUrl"}, k


@pytest.mark.clause(CLAUSE + ": the key's mode wins over the app's; CMAF gives HLS and DASH")
def test_key_mode_cmaf(target, observe, timeline):
    app = target.app
    uid = unique("mkey")
    app.member(uid)
    key = app.key_of(uid)
    app.request("PATCH", "/stream-keys/%d" % key["id"], {"mode": "RTMP_CMAF"})
    o = observe(uid, sse=False)
    timeline.expect(KEY, ["INACTIVE", "ACTIVE_PREP", "ACTIVE"])
    o.publish()
    o.wait("ACTIVE", timeout=60)
    k = app.key_of(uid)
    assert k["mode"] == "RTMP_CMAF" and urls(k) == {"rtmpPlayUrl", "httpFlvPlayUrl", "cmafHlsPlayUrl",
                                                    "cmafDashPlayUrl"}, k
    hls = http("GET", k["cmafHlsPlayUrl"])
    assert hls.status == 200 and hls.raw.startswith(b"#EXTM3U"), hls.raw[:100]
    dash = http("GET", k["cmafDashPlayUrl"])
    assert dash.status == 200 and b"<MPD" in dash.raw, dash.raw[:100]
