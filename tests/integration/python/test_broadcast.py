"""A whole broadcast driven by the ffsandbox Python module alone (Client,
Broadcaster, Viewer) against a real ffsandbox server."""
import datetime
import threading
import time

import pytest

SCHEDULED = "2030-01-01T09:00:00Z"


def test_whole_broadcast(ffs, client, uid):
    member = uid("host")
    m = client.upsert_member(member, app_user_name="Host", custom_data={"tier": "gold"})
    assert m["appUserId"] == member and m["customData"] == {"tier": "gold"}
    key = client.member_stream_key(member)
    assert key["streamKeyState"] == "INACTIVE"
    room = client.create_room(member, datetime.datetime(2030, 1, 1, 9, 0), title="Python broadcast")
    assert room["videoRoomState"] == "SCHEDULED" and room["type"] == "BROADCAST_RTMP"

    cam = ffs.Broadcaster(key["ingestUrl"] + "/" + key["streamKey"], size="640x360", bitrate="800k",
                          preset="ultrafast")
    assert key["streamKey"] not in cam.url  # redacted
    cam.start()
    assert cam.running and cam.stats["state"] == "on"
    client.wait_stream_key_state(member, "ACTIVE", timeout=10)

    live = client.go_live(room["id"])
    assert live["videoRoomState"] == "LIVE" and live["rtmpPlayUrl"]
    assert client.member_stream_key(member)["streamKeyState"] == "ACTIVE_LIVE"

    viewer = ffs.Viewer(live["rtmpPlayUrl"])
    viewer.start()
    assert viewer.wait_for_frames(60, timeout=15), viewer.stats
    flv = ffs.Viewer(live["httpFlvPlayUrl"], protocol="flv")
    with flv:
        assert flv.wait_for_frames(30, timeout=15), flv.stats
    s = viewer.stats
    assert s["running"] and s["startup_ms"] is not None and s["startup_ms"] < 5000
    assert s["latency_ms"]["samples"] > 0 and s["latency_ms"]["p50"] < 1500
    viewer.stop()
    assert not viewer.running

    cam.stop()
    assert not cam.running and cam.stats["state"] == "stopped" and cam.stats["video_frames"] > 60
    client.wait_stream_key_state(member, "INACTIVE_LIVE", timeout=10)
    assert client.wait_room_state(room["id"], "LIVE_INACTIVE", timeout=5)["rtmpPlayUrl"] is None

    ended = client.end_broadcast(room["id"])
    assert ended["videoRoomState"] == "ENDED" and ended["liveEndedAt"]
    assert client.member_stream_key(member)["streamKeyState"] == "INACTIVE"

    # The recording becomes a LIVE_RECORDED post linked from the room.
    room_now = client.wait_room_state(room["id"], "ENDED")
    deadline = time.time() + 15
    while not room_now.get("videoPost") and time.time() < deadline:
        time.sleep(0.2)
        room_now = client.get_room(room["id"])
    assert room_now["videoPost"], room_now
    post = client.get_post(room_now["videoPost"]["id"])
    assert post["type"] == "LIVE_RECORDED" and post["videoRoom"]["id"] == room["id"]
    assert any(p["id"] == post["id"] for p in client.list_posts(app_user_id=member)["content"])
    try:
        client.wait_post_state(post["id"], "PROCESSED", timeout=60)
    except ValueError as e:
        pytest.skip("VOD archiving does not reach PROCESSED yet: %s" % e)
    assert client.get_room(room["id"])["vodState"] == "ARCHIVED"


def test_typed_errors_carry_the_error_code(ffs, client, server, uid):
    with pytest.raises(ffs.NotFoundError) as e:
        client.get_member(uid("ghost"))
    assert e.value.status == 404 and e.value.error_code == "MEMBER_NOT_FOUND" and e.value.error_message
    with pytest.raises(ffs.NotFoundError) as e:
        client.get_room(999999)
    assert e.value.error_code == "VIDEO_ROOM_NOT_FOUND"

    bad = ffs.Client(server.http_base, server.app_key, "wrong")
    with pytest.raises(ffs.AuthError) as e:
        bad.list_members()
    assert e.value.status == 401 and e.value.error_code == "INVALID_APP_CREDENTIALS"

    member = uid("m")
    client.upsert_member(member)
    room = client.create_room(member, SCHEDULED, title="not yet")
    with pytest.raises(ffs.StateError) as e:
        client.go_live(room["id"])  # the key is not ACTIVE
    assert e.value.status == 400 and e.value.error_code == "STREAM_KEY_STATE_NOT_ACTIVE"
    assert isinstance(e.value, ffs.ApiError)
    with pytest.raises(ffs.StateError) as e:
        client.end_broadcast(room["id"])
    assert e.value.error_code == "VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE"

    with pytest.raises(ffs.ApiError) as e:
        client.upsert_member("not valid!")
    assert e.value.error_code == "INVALID_APP_USER_ID_FORMAT"
    assert not isinstance(e.value, (ffs.StateError, ffs.NotFoundError))

    unreachable = ffs.Client("http://127.0.0.1:9", "k", "s")
    with pytest.raises(ffs.ApiError) as e:
        unreachable.get_app()
    assert e.value.status == 0 and e.value.error_code == "CONNECTION_FAILED"

    with pytest.raises(ffs.MediaError, match="BadName|refused|closed|failed"):
        ffs.Broadcaster(server.rtmp_base + "/noSuchKey123", size="320x240").start()


def test_every_endpoint_group(ffs, client, server, uid):
    a, b = uid("a"), uid("b")
    client.upsert_member(a, app_user_name="A")
    client.upsert_member(b)
    assert client.get_member(a)["appUserName"] == "A"
    assert client.update_member(a, app_user_name="AA", custom_type="vip")["appUserName"] == "AA"
    page = client.list_members(app_user_id=a, page=0, page_size=5)
    assert page["totalElements"] == 1 and page["content"][0]["appUserId"] == a and page["size"] == 5

    tokens = client.login_member(a)
    assert set(tokens) >= {"accessToken", "refreshToken", "streamingToken"}
    assert client.login_as_guest()["accessToken"]
    me = ffs.MemberClient(server.http_base, tokens["accessToken"])
    assert me.me()["appUserId"] == a
    mkey = me.stream_key()
    mroom = me.create_room(SCHEDULED, title="mine")
    assert mroom["creatorType"] == "MEMBER"
    assert me.get_room_by_uuid(mroom["uuid"])["id"] == mroom["id"]
    assert any(r["id"] == mroom["id"] for r in me.list_rooms()["content"])
    assert me.update_room(mroom["id"], title="renamed")["title"] == "renamed"
    me.delete_room(mroom["id"])
    with pytest.raises(ffs.AuthError):
        ffs.MemberClient(server.http_base, "nonsense").me()

    key = client.member_stream_key(a)
    assert key["id"] == mkey["id"]
    assert client.get_stream_key(key["id"])["member"]["appUserId"] == a
    assert any(k["id"] == key["id"] for k in client.list_stream_keys(app_user_id=a)["content"])
    portrait = [p for p in client.list_profiles(type="BROADCAST_RTMP")["content"] if "ortrait" in p["name"]]
    if portrait:
        assert client.update_stream_key(key["id"], profile_id=portrait[0]["id"])["profile"]["id"] == portrait[0]["id"]
        assert client.get_profile(portrait[0]["id"])["type"] == "BROADCAST_RTMP"
    new = client.reissue_stream_key(key["id"])
    assert new["streamKey"] != key["streamKey"]

    room = client.create_room(a, SCHEDULED, title="r", description="d", custom_data={"x": "1"})
    assert client.get_room(room["id"])["customData"] == {"x": "1"}
    assert client.update_room(room["id"], title="r2")["title"] == "r2"
    assert any(r["id"] == room["id"] for r in client.list_rooms(app_user_id=a)["content"])
    assert client.cancel_broadcast(room["id"])["videoRoomState"] == "CANCELLED"
    assert client.delete_room(room["id"]) is None

    app = client.get_app()
    assert app["defaultRtmpOutputMode"] in ("RTMP", "CMAF", "RTMP_CMAF")
    assert client.update_app(default_rtmp_output_mode=app["defaultRtmpOutputMode"])["defaultRtmpOutputMode"] == \
        app["defaultRtmpOutputMode"]
    assert client.request("GET", "/members/" + a)["appUserId"] == a
    assert client.request("GET", "/v2/apps/me/members/" + a)["appUserId"] == a
    assert client.list_posts(page_size=1)["size"] == 1

    assert client.delete_members(a, b) is None
    with pytest.raises(ffs.NotFoundError):
        client.get_member(b)


def test_stall_resume_abrupt_stop_and_force_terminate(ffs, client, uid):
    member = uid("s")
    client.upsert_member(member)
    key = client.member_stream_key(member)
    room = client.create_room(member, SCHEDULED)
    cam = ffs.Broadcaster(key["ingestUrl"] + "/" + key["streamKey"], size="320x240", bitrate="300k",
                          preset="ultrafast", audio=False)
    with cam:
        client.wait_stream_key_state(member, "ACTIVE", 10)
        client.go_live(room["id"])
        cam.stall()  # until resume
        time.sleep(1.0)
        assert cam.stats["state"] == "stalled"
        frames = cam.stats["video_frames"]
        time.sleep(0.5)
        assert cam.stats["video_frames"] == frames
        cam.resume()
        time.sleep(1.0)
        assert cam.stats["state"] == "on" and cam.stats["video_frames"] > frames
        assert cam.stats["connections"] == 1 and cam.stats["breaks"] == 1
        cam.go_off("abrupt", 1.5)  # TCP reset, back after 1.5 s on a new connection
        client.wait_stream_key_state(member, "INACTIVE_LIVE", 10)
        client.wait_stream_key_state(member, "ACTIVE_LIVE", 15)
        assert cam.stats["connections"] == 2

        client.force_terminate_member(member)
        ended = client.wait_room_state(room["id"], "ENDED", 5)
        assert ended["forciblyTerminated"] is True
        deadline = time.time() + 10
        while cam.running and time.time() < deadline:
            time.sleep(0.1)
        assert not cam.running and cam.stats["state"] == "failed" and cam.stats["error"]
    k = client.member_stream_key(member)
    assert k["forciblyTerminated"] is True and k["streamKey"] != key["streamKey"]


def test_calls_release_the_gil(ffs, client, uid):
    """A Python thread keeps running while another waits in C++."""
    member = uid("g")
    client.upsert_member(member)
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.time())
            time.sleep(0.01)

    t = threading.Thread(target=ticker)
    t.start()
    with pytest.raises(ValueError):
        client.wait_stream_key_state(member, "ACTIVE", timeout=1.0)  # never: nobody publishes
    stop.set()
    t.join()
    assert len(ticks) > 30
