"""Contract §5/§6 VOD archiving: a broadcast's recording becomes a LIVE_RECORDED video post
covering go-live to end, every resumed part, no gaps and no time before go-live."""
import time

import pytest

import media
from client import http, wait_for
from client import unique
from scenario import ROOM

CLAUSE = "contract §5 recording and §6 VOD archiving"


def live_seconds(timeline):
    """Sum of the LIVE spans of the room as polled."""
    pts = timeline.observed.get(ROOM, {}).get("poll", [])
    total = 0.0
    for i, (t, s) in enumerate(pts):
        if s == "LIVE" and i + 1 < len(pts):
            total += pts[i + 1][0] - t
    return total


@pytest.mark.clause(CLAUSE)
def test_vod_archiving(target, observe, timeline):
    if target.sandbox and not target.capabilities.get("archiving", True):
        pytest.skip("archiving is not wired in this server yet (/_sandbox/health archiving=false)")
    app = target.app
    uid = unique("vod")
    app.member(uid)
    o = observe(uid, sse=False)
    room = app.room(uid)
    o.watch_room(room["id"])
    timeline.expect(ROOM, ["SCHEDULED", "LIVE", "LIVE_INACTIVE", "LIVE", "LIVE_INACTIVE", "ENDED", "ARCHIVED"])
    p = o.publish()
    o.wait("ACTIVE")
    time.sleep(4)  # pre-live time: must not be recorded
    app.request("POST", "/video-rooms/%d/rtmp-broadcast/state/live" % room["id"])
    o.wait("LIVE", ROOM)
    time.sleep(4)
    media.stop(p)
    o.wait("LIVE_INACTIVE", ROOM)
    time.sleep(3)  # a gap: must not be in the recording
    p = o.publish()
    o.wait("LIVE", ROOM)
    time.sleep(4)
    media.stop(p)
    o.wait("LIVE_INACTIVE", ROOM)
    expected = live_seconds(timeline)
    app.request("POST", "/video-rooms/%d/rtmp-broadcast/state/ended" % room["id"])
    vod_states = []

    def archived():
        r = app.request("GET", "/video-rooms/%d" % room["id"])
        if not vod_states or vod_states[-1] != r["vodState"]:
            vod_states.append(r["vodState"])
        timeline.observe("vodState", "poll", r["vodState"])
        timeline.observe(ROOM, "poll", r["videoRoomState"])
        return r if r["vodState"] in ("ARCHIVED", "FAILED_ARCHIVING") else None
    try:
        r = wait_for(archived, timeout=120, interval=0.3, what="the room's vodState ARCHIVED")
    except AssertionError:
        if vod_states == ["NOT_ARCHIVED"]:
            pytest.skip("no archiving started within 120 s (archiving not available on this target)")
        raise
    timeline.expect("vodState", ["NOT_ARCHIVED", "ARCHIVING", "ARCHIVED"])
    assert r["vodState"] == "ARCHIVED", vod_states
    assert "ARCHIVING" in vod_states or vod_states[0] == "ARCHIVED", vod_states
    assert r["videoRoomState"] == "ARCHIVED" and r["vodUrl"] and r["vodArchivedAt"]
    post = app.request("GET", "/video-posts/%d" % r["videoPost"]["id"])
    assert post["type"] == "LIVE_RECORDED" and post["videoPostState"] == "PROCESSED"
    assert post["videoRoom"]["id"] == room["id"]
    mp4 = [s for s in post["file"]["processedSummaries"] if s.get("format") == "MP4"]
    assert mp4, post["file"]["processedSummaries"]
    for s in post["file"]["processedSummaries"]:
        assert http("GET", s["url"]).status == 200, s
    got = media.duration(mp4[0]["url"])
    assert abs(got - expected) <= 2.0, \
        "recording lasts %.1fs; live time without gaps and pre-live time is %.1fs" % (got, expected)


@pytest.mark.sandbox
@pytest.mark.clause("contract §5 vodState FAILED_ARCHIVING and §8 VIDEO_ROOM_FAILED_ARCHIVING webhook")
def test_vod_failed_archiving(sandbox, observe, timeline, hooks):
    if not sandbox.capabilities.get("archiving"):
        pytest.skip("archiving is not wired in this server")
    app = sandbox.app
    uid = unique("vodfail")
    app.member(uid)
    o = observe(uid, sse=False)
    room = app.room(uid)
    o.watch_room(room["id"])
    timeline.expect("vodState", ["NOT_ARCHIVED", "ARCHIVING", "FAILED_ARCHIVING"])
    p = o.publish()
    o.wait("ACTIVE")
    app.request("POST", "/video-rooms/%d/rtmp-broadcast/state/live" % room["id"])
    time.sleep(2)
    media.stop(p)
    o.wait("LIVE_INACTIVE", ROOM)
    sandbox.sandbox_call("POST", "/_sandbox/chaos/faults", {"type": "archive_fail"})
    app.request("POST", "/video-rooms/%d/rtmp-broadcast/state/ended" % room["id"])

    def failed():
        r = app.request("GET", "/video-rooms/%d" % room["id"])
        timeline.observe("vodState", "poll", r["vodState"])
        return r if r["vodState"] in ("ARCHIVED", "FAILED_ARCHIVING") else None
    r = wait_for(failed, timeout=90, interval=0.3, what="vodState FAILED_ARCHIVING")
    assert r["vodState"] == "FAILED_ARCHIVING", r["vodState"]
    assert r["videoRoomState"] == "ENDED" and not r.get("vodUrl")
    if hooks:
        wait_for(lambda: any((c[1] or {}).get("type") == "VIDEO_ROOM_FAILED_ARCHIVING" and
                             (c[1].get("data") or {}).get("videoRoomId") == room["id"] for c in hooks.calls),
                 timeout=10, what="the VIDEO_ROOM_FAILED_ARCHIVING webhook")
