"""Contract §1-§3, §7: error model, auth, app isolation, paging shape and sorting, validation."""
import base64
import re

import pytest

from client import http
from client import unique

TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def err(resp):
    assert isinstance(resp.json, dict) and set(resp.json) >= {"errorCode", "errorMessage"}, resp.raw[:300]
    return resp.status, resp.json["errorCode"]


@pytest.mark.clause("contract §2 errors: auth codes")
def test_auth(target):
    base = target.api_url + "/v2/apps/me/members"
    assert err(http("GET", base)) == (401, "EMPTY_APP_CREDENTIALS")
    bad = base64.b64encode(b"nope:wrongsecret").decode()
    assert err(http("GET", base, headers={"Authorization": "Basic " + bad})) == (401, "INVALID_APP_CREDENTIALS")
    wrong_secret = target.app.auth_header(secret="definitelyNotIt")
    assert err(http("GET", base, headers=wrong_secret)) == (401, "INVALID_APP_CREDENTIALS")
    assert err(http("GET", target.api_url + "/v2/members/me"))[0] == 401


@pytest.mark.clause("contract §2 errors: malformed body, unsupported method, not found")
def test_error_model(target):
    app = target.app
    assert err(app.raw("POST", "/members", raw_body=b"{not json")) == (400, "INVALID_HTTP_MESSAGE_BODY")
    assert err(app.raw("PUT", "/members")) == (400, "UNSUPPORTED_HTTP_METHOD")
    assert err(app.raw("GET", "/members/noSuchMember%s" % unique())) == (404, "MEMBER_NOT_FOUND")
    assert err(app.raw("GET", "/stream-keys/987654321")) == (404, "STREAM_KEY_NOT_FOUND")
    assert err(app.raw("GET", "/video-rooms/987654321")) == (404, "VIDEO_ROOM_NOT_FOUND")
    assert err(app.raw("GET", "/video-posts/987654321")) == (404, "VIDEO_POST_NOT_FOUND")
    assert err(app.raw("GET", "/transcoding-profiles/987654321")) == (404, "TRANSCODING_PROFILE_NOT_FOUND")


@pytest.mark.clause("contract §3 members: upsert 201/200, fields, delete 204")
def test_member_lifecycle(target):
    app = target.app
    uid = unique("m")
    r = app.raw("POST", "/members", {"appUserId": uid, "appUserName": "A", "customData": {"k": "v"}})
    assert r.status == 201, r.raw
    m = r.json
    for f in ("id", "state", "app", "appUserId", "createdAt", "lastModifiedAt"):
        assert f in m, f
    assert TS.match(m["createdAt"]) and TS.match(m["lastModifiedAt"]), m["createdAt"]
    assert m["state"] == "ACTIVE" and m["appUserId"] == uid and m["customData"] == {"k": "v"}
    again = app.raw("POST", "/members", {"appUserId": uid, "appUserName": "B"})
    assert again.status == 200 and again.json["appUserName"] == "B" and again.json["id"] == m["id"]
    key = app.key_of(uid)
    assert key["streamKeyState"] == "INACTIVE" and key["member"]["appUserId"] == uid
    assert key["ingestUrl"].startswith("rtmp://") and key["streamKey"]
    for url in ("rtmpPlayUrl", "httpFlvPlayUrl", "cmafHlsPlayUrl", "cmafDashPlayUrl"):
        assert key.get(url) is None, "%s must be null while not viewable" % url
    assert app.raw("DELETE", "/members/%s" % uid).status == 204
    assert err(app.raw("GET", "/members/%s" % uid)) == (404, "MEMBER_NOT_FOUND")


@pytest.mark.clause("contract §3 validation limits")
@pytest.mark.parametrize("body,code", [
    ({}, "EMPTY_APP_USER_ID"),
    ({"appUserId": "bad-id!"}, "INVALID_APP_USER_ID_FORMAT"),
    ({"appUserId": "okId", "customType": "x" * 51}, "CUSTOM_TYPE_SIZE_UPPER_LIMIT_EXCEEDED"),
    ({"appUserId": "okId", "customData": {"k%d" % i: "v" for i in range(11)}},
     "CUSTOM_DATA_ITEM_COUNT_UPPER_LIMIT_EXCEEDED"),
    ({"appUserId": "okId", "customData": {"k" * 51: "v"}}, "CUSTOM_DATA_ITEM_NAME_SIZE_UPPER_LIMIT_EXCEEDED"),
    ({"appUserId": "okId", "customData": {"k": "v" * 51}}, "CUSTOM_DATA_ITEM_VALUE_SIZE_UPPER_LIMIT_EXCEEDED"),
])
def test_member_validation(target, body, code):
    assert err(target.app.raw("POST", "/members", body)) == (400, code)


@pytest.mark.clause("contract §3 validation limits: at the limit is accepted")
def test_member_validation_limits_accepted(target):
    uid = unique("lim")
    r = target.app.raw("POST", "/members", {"appUserId": uid, "customType": "x" * 50,
                                            "customData": {("k%02d" % i) + "n" * 47: "v" * 50 for i in range(10)}})
    assert r.status == 201, r.raw


@pytest.mark.clause("contract §5 video rooms: creation errors")
def test_room_validation(target):
    app = target.app
    uid = unique("rv")
    app.member(uid)
    assert err(app.raw("POST", "/video-rooms", {"appUserId": uid, "scheduledAt": "2030-01-01T00:00:00Z"})) == \
        (400, "EMPTY_VIDEO_ROOM_TYPE")
    assert err(app.raw("POST", "/video-rooms", {"type": "BROADCAST_RTMP", "appUserId": uid})) == \
        (400, "EMPTY_VIDEO_ROOM_SCHEDULED_AT")
    assert err(app.raw("POST", "/video-rooms", {"type": "BROADCAST_WEBRTC", "appUserId": uid,
                                                "scheduledAt": "2030-01-01T00:00:00Z"})) == \
        (400, "VIDEO_ROOM_TYPE_NOT_BROADCAST_RTMP")
    room = app.room(uid)
    assert room["videoRoomState"] == "SCHEDULED" and room["type"] == "BROADCAST_RTMP" and room["protocol"] == "RTMP"
    assert room["vodState"] == "NOT_ARCHIVED" and room["creatorType"] == "APP" and room["uuid"]
    for url in ("playUrl", "rtmpPlayUrl", "httpFlvPlayUrl", "cmafHlsPlayUrl", "cmafDashPlayUrl"):
        assert room.get(url) is None


PAGE_FIELDS = {"content", "pageable", "totalPages", "totalElements", "numberOfElements", "number", "size",
               "first", "last", "empty", "sort"}


@pytest.mark.clause("contract §2 lists: Spring Data page shape, paging and sorting")
def test_paging_and_sorting(target):
    app = target.app
    prefix = unique("pg")
    ids = [prefix + s for s in ("c", "a", "b")]
    for i in ids:
        app.member(i)
    page = app.request("GET", "/members", query={"page": 0, "pageSize": 2, "sortBy": "APP_USER_ID_ASC"})
    assert PAGE_FIELDS <= set(page), set(PAGE_FIELDS) - set(page)
    assert set(page["pageable"]) >= {"offset", "pageNumber", "pageSize", "paged", "unpaged", "sort"}
    assert page["size"] == 2 and page["number"] == 0 and page["first"] is True and len(page["content"]) <= 2
    total = page["totalElements"]
    assert page["totalPages"] == (total + 1) // 2
    names = [m["appUserId"] for m in app.request("GET", "/members", query={"pageSize": 100,
                                                                           "sortBy": "APP_USER_ID_ASC"})["content"]]
    assert names == sorted(names)
    desc = [m["appUserId"] for m in app.request("GET", "/members", query={"pageSize": 100,
                                                                          "sortBy": "APP_USER_ID_DESC"})["content"]]
    assert desc == sorted(desc, reverse=True)
    newest = app.request("GET", "/members", query={"pageSize": 100, "sortBy": "CREATED_AT_DESC"})["content"]
    stamps = [m["createdAt"] for m in newest]
    assert stamps == sorted(stamps, reverse=True)
    one = app.request("GET", "/members", query={"appUserId": ids[1]})
    assert [m["appUserId"] for m in one["content"]] == [ids[1]]
    last = app.request("GET", "/members", query={"page": 99999, "pageSize": 2})
    assert last["content"] == [] and last["empty"] is True


@pytest.mark.clause("contract §1 app isolation: an app sees only its own data")
def test_app_isolation(target):
    if not target.app2:
        pytest.skip("no second app (give --app2-key/--app2-secret)")
    uid = unique("iso")
    target.app.member(uid)
    room = target.app.room(uid)
    key = target.app.key_of(uid)
    other = target.app2
    assert err(other.raw("GET", "/members/%s" % uid)) == (404, "MEMBER_NOT_FOUND")
    assert err(other.raw("GET", "/video-rooms/%d" % room["id"])) == (404, "VIDEO_ROOM_NOT_FOUND")
    assert err(other.raw("GET", "/stream-keys/%d" % key["id"])) == (404, "STREAM_KEY_NOT_FOUND")
    assert all(m["appUserId"] != uid for m in other.request("GET", "/members", query={"pageSize": 100})["content"])


@pytest.mark.clause("contract §3 member API: a member sees and changes only its own rooms")
def test_member_scoping(target):
    app = target.app
    a, b = unique("ma"), unique("mb")
    app.member(a)
    app.member(b)
    room_a = app.room(a)
    mb = app.member_api(b)
    me = mb.raw("GET", "")
    assert me.status == 200 and me.json["appUserId"] == b
    r = mb.raw("GET", "/video-rooms/%d" % room_a["id"])
    assert err(r) == (404, "VIDEO_ROOM_NOT_FOUND")
    assert err(mb.raw("POST", "/video-rooms/%d/end" % room_a["id"]))[1] == "VIDEO_ROOM_NOT_FOUND"
    mine = mb.raw("POST", "/video-rooms", {"type": "BROADCAST_RTMP", "scheduledAt": "2030-01-01T00:00:00Z"})
    assert mine.status == 201 and mine.json["creatorType"] == "MEMBER" and mine.json["member"]["appUserId"] == b
    assert mb.raw("GET", "/stream-key").json["member"]["appUserId"] == b


@pytest.mark.clause("contract §7 transcoding profiles: landscape and portrait BROADCAST_RTMP")
def test_profiles(target):
    app = target.app
    page = app.request("GET", "/transcoding-profiles", query={"type": "BROADCAST_RTMP", "pageSize": 50})
    profiles = page["content"]
    system = [p for p in profiles if p["creatorType"] == "SYSTEM"]
    assert len(system) >= 2, [p["name"] for p in profiles]
    dims = {}
    for p in system:
        recipe = p["profile"]
        assert recipe["segmentDuration"] == 2
        v = {s["name"]: (s["width"], s["height"]) for s in recipe["videoStreams"]}
        dims[p["id"]] = v
    shapes = set(tuple(sorted(v.values())) for v in dims.values())
    assert ((640, 360), (1280, 720)) in shapes, "a landscape profile (contract §7)"
    assert ((360, 640), (720, 1280)) in shapes, "a portrait profile swapping width and height"
    portrait = next(i for i, v in dims.items() if tuple(sorted(v.values())) == ((360, 640), (720, 1280)))
    uid = unique("prof")
    app.member(uid)
    key = app.key_of(uid)
    patched = app.request("PATCH", "/stream-keys/%d" % key["id"], {"profileId": portrait})
    assert patched["profile"]["id"] == portrait
    assert app.request("GET", "/transcoding-profiles/%d" % portrait)["type"] == "BROADCAST_RTMP"
