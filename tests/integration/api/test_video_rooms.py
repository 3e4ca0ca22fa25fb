"""Video rooms over HTTP (contract §5): create, list, get, update, delete, controls' error paths, member API."""
from helpers import A, ROOM_KEYS, assert_error, assert_keys, assert_page, assert_time, make_member, make_room, uid


def test_create_shape(server):
    m = make_member(server, appUserName="Owner", customType="vip")
    s, r, _ = server.api("POST", A + "/video-rooms", {
        "type": "BROADCAST_RTMP", "appUserId": m["appUserId"], "scheduledAt": "2030-01-02T03:04:05.5+09:00",
        "title": "Hello 'world'", "description": "d", "accessLevel": "PUBLIC", "customType": "c",
        "customData": {"a": "b"}})
    assert s == 201
    assert_keys(r, ROOM_KEYS)
    assert r["state"] == "ACTIVE" and r["type"] == "BROADCAST_RTMP" and r["protocol"] == "RTMP"
    assert r["videoRoomState"] == "SCHEDULED" and r["vodState"] == "NOT_ARCHIVED" and r["format"] == "UNDEFINED"
    assert r["forciblyTerminated"] is False and r["accessLevel"] == "PUBLIC"
    assert r["creatorType"] == "APP" and r["creatorId"] == r["app"]["id"]
    assert r["member"] == {"id": m["id"], "state": "ACTIVE", "appUserId": m["appUserId"], "appUserName": "Owner",
                           "appUserProfileImgUrl": None, "customType": "vip"}
    assert r["title"] == "Hello 'world'" and r["description"] == "d" and r["customData"] == {"a": "b"}
    assert r["scheduledAt"] == "2030-01-01T18:04:05.500000Z"
    for f in ["cancelledAt", "liveStartedAt", "liveEndedAt", "vodArchivedAt", "vodUrl", "streamKey", "videoPost",
              "playUrl", "liveUrl", "cmafHlsPlayUrl", "cmafDashPlayUrl", "rtmpPlayUrl", "httpFlvPlayUrl"]:
        assert r[f] is None, f
    assert r["stats"] == {"totalMemberWhitelistCount": 0}
    assert len(r["uuid"]) == 36
    assert_time(r["createdAt"])
    assert server.ok("GET", A + "/video-rooms/%d" % r["id"]) == r


def test_create_errors(server):
    m = make_member(server)
    u = m["appUserId"]
    when = "2030-01-01T00:00:00Z"
    assert_error(server.api("POST", A + "/video-rooms", {"appUserId": u, "scheduledAt": when}), 400,
                 "EMPTY_VIDEO_ROOM_TYPE")
    assert_error(server.api("POST", A + "/video-rooms", {"type": "BROADCAST_WEBRTC", "appUserId": u,
                                                         "scheduledAt": when}), 400,
                 "VIDEO_ROOM_TYPE_NOT_BROADCAST_RTMP")
    assert_error(server.api("POST", A + "/video-rooms", {"type": "BROADCAST_RTMP", "appUserId": u}), 400,
                 "EMPTY_VIDEO_ROOM_SCHEDULED_AT")
    s, e, _ = server.api("POST", A + "/video-rooms", {"type": "BROADCAST_RTMP", "appUserId": u,
                                                      "scheduledAt": "tomorrow"})
    assert s == 400 and e["errorCode"] == "INVALID_HTTP_MESSAGE_BODY" and "scheduledAt" in e["errorMessage"]
    s, e, _ = server.api("POST", A + "/video-rooms", {"type": "BROADCAST_RTMP", "appUserId": u, "scheduledAt": when,
                                                      "accessLevel": "SECRET"})
    assert s == 400 and e["errorCode"] == "INVALID_HTTP_MESSAGE_BODY" and "accessLevel" in e["errorMessage"]
    assert_error(server.api("POST", A + "/video-rooms", {"type": "BROADCAST_RTMP", "appUserId": uid(),
                                                         "scheduledAt": when}), 404, "MEMBER_NOT_FOUND")
    assert server.ok("GET", A + "/video-rooms?appUserId=" + u)["totalElements"] == 0


def test_list_update_cancel_delete(server):
    m = make_member(server)
    u = m["appUserId"]
    kw = uid("kw")
    r1 = make_room(server, u, title="first " + kw)
    r2 = make_room(server, u, title="second", description="has " + kw)
    page = server.ok("GET", A + "/video-rooms?keyword=%s&sortBy=CREATED_AT_ASC" % kw)
    assert_page(page, 0, 20, 2)
    assert [r["id"] for r in page["content"]] == [r1["id"], r2["id"]]
    page = server.ok("GET", A + "/video-rooms?memberId=%d&videoRoomState=SCHEDULED&type=BROADCAST_RTMP"
                     "&accessLevel=PUBLIC&pageSize=1" % m["id"])
    assert_page(page, 0, 1, 2)
    assert_error(server.api("GET", A + "/video-rooms?videoRoomState=NAPPING"), 400, "INVALID_REQUEST_PARAMETER")
    assert_error(server.api("GET", A + "/video-rooms?sortBy=APP_USER_ID_ASC"), 400, "INVALID_REQUEST_PARAMETER")

    p = server.ok("PATCH", A + "/video-rooms/%d" % r1["id"], {"title": "renamed", "description": None,
                                                              "customData": {"x": "y"}})
    assert p["title"] == "renamed" and p["description"] is None and p["customData"] == {"x": "y"}
    c = server.ok("POST", A + "/video-rooms/%d/rtmp-broadcast/state/cancelled" % r1["id"])
    assert c["videoRoomState"] == "CANCELLED"
    assert_time(c["cancelledAt"])
    assert_error(server.api("POST", A + "/video-rooms/%d/rtmp-broadcast/state/cancelled" % r1["id"]), 400,
                 "VIDEO_ROOM_STATE_NOT_SCHEDULED")
    s, _, _ = server.api("DELETE", A + "/video-rooms/%d" % r1["id"])
    assert s == 204
    assert_error(server.api("GET", A + "/video-rooms/%d" % r1["id"]), 404, "VIDEO_ROOM_NOT_FOUND")


def test_controls_error_paths(server):
    u = make_member(server)["appUserId"]
    r = make_room(server, u)
    base = A + "/video-rooms/%d/rtmp-broadcast/state/" % r["id"]
    assert_error(server.api("POST", base + "live"), 400, "STREAM_KEY_STATE_NOT_ACTIVE")
    assert_error(server.api("POST", base + "ended"), 400, "VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE")
    assert server.ok("GET", A + "/video-rooms/%d" % r["id"])["videoRoomState"] == "SCHEDULED"
    for path in ["/video-rooms/999999", "/video-rooms/x1"]:
        assert_error(server.api("GET", A + path), 404, "VIDEO_ROOM_NOT_FOUND")
        assert_error(server.api("POST", A + path + "/rtmp-broadcast/state/live"), 404, "VIDEO_ROOM_NOT_FOUND")
    assert_error(server.api("DELETE", A + "/video-rooms/999999"), 404, "VIDEO_ROOM_NOT_FOUND")


def test_member_api_rooms(server):
    u1, u2 = uid(), uid()
    t1 = server.ok("POST", A + "/members/login", {"appUserId": u1})["accessToken"]
    t2 = server.ok("POST", A + "/members/login", {"appUserId": u2})["accessToken"]
    b1, b2 = ("bearer", t1), ("bearer", t2)
    s, r, _ = server.api("POST", "/v2/members/me/video-rooms", {"type": "BROADCAST_RTMP",
                                                                "scheduledAt": "2030-01-01T00:00:00Z",
                                                                "title": "mine"}, auth=b1)
    assert s == 201 and r["creatorType"] == "MEMBER" and r["member"]["appUserId"] == u1
    assert server.ok("GET", "/v2/members/me/video-rooms/%d" % r["id"], auth=b1)["id"] == r["id"]
    assert server.ok("GET", "/v2/members/me/video-rooms/uuid/" + r["uuid"], auth=b1)["id"] == r["id"]
    page = server.ok("GET", "/v2/members/me/video-rooms", auth=b1)
    assert [x["id"] for x in page["content"]] == [r["id"]]
    assert server.ok("GET", "/v2/members/me/video-rooms", auth=b2)["totalElements"] == 0
    # Another member sees and changes nothing of it.
    assert_error(server.api("GET", "/v2/members/me/video-rooms/%d" % r["id"], auth=b2), 404, "VIDEO_ROOM_NOT_FOUND")
    assert_error(server.api("GET", "/v2/members/me/video-rooms/uuid/" + r["uuid"], auth=b2), 404,
                 "VIDEO_ROOM_NOT_FOUND")
    assert_error(server.api("PATCH", "/v2/members/me/video-rooms/%d" % r["id"], {"title": "x"}, auth=b2), 404,
                 "VIDEO_ROOM_NOT_FOUND")
    assert_error(server.api("POST", "/v2/members/me/video-rooms/%d/start" % r["id"], auth=b2), 404,
                 "VIDEO_ROOM_NOT_FOUND")
    assert_error(server.api("DELETE", "/v2/members/me/video-rooms/%d" % r["id"], auth=b2), 404,
                 "VIDEO_ROOM_NOT_FOUND")
    assert_error(server.api("POST", "/v2/members/me/video-rooms/%d/start" % r["id"], auth=b1), 400,
                 "STREAM_KEY_STATE_NOT_ACTIVE")
    assert_error(server.api("POST", "/v2/members/me/video-rooms/%d/end" % r["id"], auth=b1), 400,
                 "VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE")
    assert server.ok("PATCH", "/v2/members/me/video-rooms/%d" % r["id"], {"title": "t2"}, auth=b1)["title"] == "t2"
    s, _, _ = server.api("DELETE", "/v2/members/me/video-rooms/%d" % r["id"], auth=b1)
    assert s == 204
