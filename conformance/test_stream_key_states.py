"""Contract §4 stream key table and §5 room states, observed by polling, webhooks and SSE."""
import pytest

from client import unique
from scenario import KEY, ROOM, assert_sequence

CLAUSE_KEY = "contract §4 stream key table"


@pytest.mark.clause(CLAUSE_KEY + ": INACTIVE→ACTIVE_PREP→ACTIVE→INACTIVE")
def test_ingest_without_broadcast(target, observe, timeline, hooks):
    uid = unique("prep")
    target.app.member(uid)
    o = observe(uid)
    expected = ["ACTIVE_PREP", "ACTIVE", "INACTIVE"]
    timeline.expect(KEY, ["INACTIVE"] + expected)
    p = o.publish()
    o.wait("ACTIVE")
    from media import stop
    stop(p)
    o.wait("INACTIVE")
    o.settle()
    assert_sequence(o.seq(KEY, "poll"), ["INACTIVE", "ACTIVE", "INACTIVE"], "polled key states", exact=False)
    if hooks:
        assert_sequence(o.seq(KEY, "webhook"), expected, "webhooks STREAM_KEY_*")
    assert_sequence(o.seq(KEY, "sse"), expected, "member events (STREAM_KEY)")


@pytest.mark.clause(CLAUSE_KEY + ": live, interrupted, resumed by itself (ACTIVE_LIVE_PREP), ended")
def test_live_interrupt_resume_end(target, observe, timeline, hooks):
    from media import stop
    uid = unique("live")
    target.app.member(uid)
    o = observe(uid)
    room = target.app.room(uid)
    o.watch_room(room["id"])
    key_expected = ["ACTIVE_PREP", "ACTIVE", "ACTIVE_LIVE", "INACTIVE_LIVE", "ACTIVE_LIVE_PREP", "ACTIVE_LIVE",
                    "INACTIVE_LIVE", "INACTIVE"]
    room_expected = ["LIVE", "LIVE_INACTIVE", "LIVE", "LIVE_INACTIVE", "ENDED"]
    timeline.expect(KEY, ["INACTIVE"] + key_expected)
    timeline.expect(ROOM, ["SCHEDULED"] + room_expected)
    p = o.publish()
    o.wait("ACTIVE")
    live = target.app.request("POST", "/video-rooms/%d/rtmp-broadcast/state/live" % room["id"])
    assert live["videoRoomState"] == "LIVE"
    o.wait("ACTIVE_LIVE")
    o.wait("LIVE", ROOM)
    stop(p)
    o.wait("INACTIVE_LIVE")
    o.wait("LIVE_INACTIVE", ROOM)
    p = o.publish()  # resume: no new go-live
    o.wait("ACTIVE_LIVE")
    o.wait("LIVE", ROOM)
    stop(p)
    o.wait("INACTIVE_LIVE")
    o.wait("LIVE_INACTIVE", ROOM)
    ended = target.app.request("POST", "/video-rooms/%d/rtmp-broadcast/state/ended" % room["id"])
    assert ended["videoRoomState"] == "ENDED"
    o.wait("INACTIVE")
    o.wait("ENDED", ROOM)
    o.settle()
    assert_sequence(o.seq(KEY, "poll"), ["INACTIVE", "ACTIVE", "ACTIVE_LIVE", "INACTIVE_LIVE", "ACTIVE_LIVE",
                                         "INACTIVE_LIVE", "INACTIVE"], "polled key states", exact=False)
    assert_sequence(o.seq(ROOM, "poll"), ["SCHEDULED"] + room_expected, "polled room states", exact=False)
    if hooks:
        assert_sequence(o.seq(KEY, "webhook"), key_expected, "webhooks STREAM_KEY_*")
        assert_sequence(o.seq(ROOM, "webhook"), room_expected, "webhooks VIDEO_ROOM_*", exact=False)
    assert_sequence(o.seq(KEY, "sse"), key_expected, "member events (STREAM_KEY)")
    assert_sequence(o.seq(ROOM, "sse"), room_expected, "member events (VIDEO_ROOM)", exact=False)


@pytest.mark.sandbox
@pytest.mark.clause(CLAUSE_KEY + ": ACTIVE_PREP→INACTIVE (ingest stops before viewable)")
def test_prep_stops_before_viewable(sandbox, observe, timeline):
    from media import stop
    uid = unique("prepstop")
    sandbox.app.member(uid)
    o = observe(uid)
    timeline.expect(KEY, ["INACTIVE", "ACTIVE_PREP", "INACTIVE"])
    sandbox.sandbox_call("POST", "/_sandbox/chaos/faults", {"type": "publish_delay", "seconds": 30})
    p = o.publish()
    o.wait("ACTIVE_PREP")
    stop(p)
    o.wait("INACTIVE")
    o.settle()
    assert_sequence(o.seq(KEY, "sse"), ["ACTIVE_PREP", "INACTIVE"], "member events (STREAM_KEY)")


@pytest.mark.sandbox
@pytest.mark.clause(CLAUSE_KEY + ": ACTIVE_LIVE_PREP→INACTIVE_LIVE, then INACTIVE_LIVE→INACTIVE by end")
def test_live_prep_stops_before_viewable(sandbox, observe, timeline):
    from media import stop
    uid = unique("lprep")
    sandbox.app.member(uid)
    o = observe(uid)
    room = sandbox.app.room(uid)
    o.watch_room(room["id"])
    p = o.publish()
    o.wait("ACTIVE")
    sandbox.app.request("POST", "/video-rooms/%d/rtmp-broadcast/state/live" % room["id"])
    stop(p)
    o.wait("INACTIVE_LIVE")
    sandbox.sandbox_call("POST", "/_sandbox/chaos/faults", {"type": "publish_delay", "seconds": 30})
    p = o.publish()
    o.wait("ACTIVE_LIVE_PREP")
    assert o.state(ROOM) == "LIVE_INACTIVE", "the room resumes only when the output is viewable"
    stop(p)
    o.wait("INACTIVE_LIVE")
    sandbox.app.request("POST", "/video-rooms/%d/rtmp-broadcast/state/ended" % room["id"])
    o.wait("INACTIVE")
    o.settle()
    expected = ["ACTIVE_PREP", "ACTIVE", "ACTIVE_LIVE", "INACTIVE_LIVE", "ACTIVE_LIVE_PREP", "INACTIVE_LIVE",
                "INACTIVE"]
    timeline.expect(KEY, ["INACTIVE"] + expected)
    assert_sequence(o.seq(KEY, "sse"), expected, "member events (STREAM_KEY)")
