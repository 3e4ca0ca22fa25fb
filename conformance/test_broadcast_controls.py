"""Contract §5 broadcast controls: each refused in each state with its error code; one
broadcast per member; force end."""
import time

import pytest

import media
from client import ApiError, wait_for
from client import unique
from scenario import KEY, ROOM

CLAUSE = "contract §5 broadcast controls"


def control(app, room_id, what):
    return app.request("POST", "/video-rooms/%d/rtmp-broadcast/state/%s" % (room_id, what))


def refused(app, room_id, what, code):
    with pytest.raises(ApiError) as e:
        control(app, room_id, what)
    assert e.value.error_code == code, "%s answered %s, contract says %s" % (what, e.value.error_code, code)
    assert e.value.status == 400
    return e.value


@pytest.mark.clause(CLAUSE + ": refused while SCHEDULED / key INACTIVE, CANCELLED, unknown room")
def test_controls_refused_without_ingest(target):
    app = target.app
    uid = unique("ctl")
    app.member(uid)
    room = app.room(uid)
    refused(app, room["id"], "live", "STREAM_KEY_STATE_NOT_ACTIVE")          # key INACTIVE
    refused(app, room["id"], "ended", "VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE")  # room SCHEDULED
    assert control(app, room["id"], "cancelled")["videoRoomState"] == "CANCELLED"
    refused(app, room["id"], "live", "VIDEO_ROOM_STATE_NOT_SCHEDULED")
    refused(app, room["id"], "cancelled", "VIDEO_ROOM_STATE_NOT_SCHEDULED")
    refused(app, room["id"], "ended", "VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE")
    with pytest.raises(ApiError) as e:
        control(app, 987654321, "live")
    assert (e.value.status, e.value.error_code) == (404, "VIDEO_ROOM_NOT_FOUND")


@pytest.mark.clause(CLAUSE + ": refused while LIVE and after ENDED; one broadcast per member")
def test_controls_refused_while_live(target, observe, timeline):
    app = target.app
    uid = unique("ctllive")
    app.member(uid)
    o = observe(uid)
    room, other = app.room(uid), app.room(uid, "second")
    o.watch_room(room["id"])
    timeline.expect(ROOM, ["SCHEDULED", "LIVE", "LIVE_INACTIVE", "ENDED"])
    p = o.publish()
    o.wait("ACTIVE")
    control(app, room["id"], "live")
    o.wait("ACTIVE_LIVE")
    refused(app, room["id"], "live", "VIDEO_ROOM_STATE_NOT_SCHEDULED")
    refused(app, room["id"], "cancelled", "VIDEO_ROOM_STATE_NOT_SCHEDULED")
    refused(app, room["id"], "ended", "VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE")
    refused(app, other["id"], "live", "STREAM_KEY_STATE_NOT_ACTIVE")  # one broadcast per member
    media.stop(p)
    o.wait("LIVE_INACTIVE", ROOM)
    refused(app, other["id"], "live", "STREAM_KEY_STATE_NOT_ACTIVE")  # still, while LIVE_INACTIVE
    control(app, room["id"], "ended")
    o.wait("ENDED", ROOM)
    refused(app, room["id"], "live", "VIDEO_ROOM_STATE_NOT_SCHEDULED")
    refused(app, room["id"], "ended", "VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE")


@pytest.mark.clause("contract §5 force end: connection dropped, old key refused, new key works, no VOD")
def test_force_end(target, observe, timeline):
    app = target.app
    uid = unique("force")
    app.member(uid)
    o = observe(uid)
    room = app.room(uid)
    o.watch_room(room["id"])
    timeline.expect(KEY, ["INACTIVE", "ACTIVE_PREP", "ACTIVE", "ACTIVE_LIVE", "INACTIVE", "ACTIVE_PREP", "ACTIVE"])
    timeline.expect(ROOM, ["SCHEDULED", "LIVE", "ENDED"])
    old_key = app.key_of(uid)["streamKey"]
    p = o.publish(old_key)
    o.wait("ACTIVE")
    control(app, room["id"], "live")
    o.wait("ACTIVE_LIVE")
    r = app.raw("POST", "/members/%s/stream-key/force-terminate" % uid)
    assert r.status in (200, 204), r.raw
    key = app.key_of(uid)
    assert key["streamKeyState"] == "INACTIVE" and key["forciblyTerminated"] is True
    assert key["streamKey"] != old_key, "force end reissues the key string"
    wait_for(lambda: p.poll() is not None, timeout=15, what="the publisher's connection to be dropped")
    ended = app.request("GET", "/video-rooms/%d" % room["id"])
    assert ended["videoRoomState"] == "ENDED" and ended["forciblyTerminated"] is True
    again = o.publish(old_key, seconds=10)
    wait_for(lambda: again.poll() is not None, timeout=15, what="the old key to be refused")
    assert app.key_of(uid)["streamKeyState"] == "INACTIVE"
    p2 = o.publish(key["streamKey"])
    o.wait("ACTIVE")
    media.stop(p2)
    time.sleep(2)
    ended = app.request("GET", "/video-rooms/%d" % room["id"])
    assert ended.get("videoPost") is None and ended["vodState"] == "NOT_ARCHIVED", \
        "a force-terminated broadcast keeps no VOD (vodState %s, videoPost %s)" % (ended["vodState"], ended.get("videoPost"))
