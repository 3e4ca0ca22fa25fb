"""Shape checks shared by the API tests (contract §1-§7)."""
import re
import uuid

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
A = "/v2/apps/me"


def uid(prefix="u"):
    return prefix + uuid.uuid4().hex[:12]


def assert_time(v, nullable=False):
    if nullable and v is None:
        return
    assert isinstance(v, str) and ISO.match(v), v


def assert_keys(obj, keys):
    assert set(obj.keys()) == set(keys), sorted(set(obj.keys()) ^ set(keys))


MEMBER_KEYS = ["id", "state", "app", "appUserId", "appUserName", "appUserProfileImgUrl", "email", "customType",
               "customData", "createdAt", "lastModifiedAt"]
KEY_KEYS = ["id", "state", "streamKeyState", "forciblyTerminated", "app", "member", "videoRoom", "ingestUrl",
            "streamKey", "mode", "playUrl", "cmafHlsPlayUrl", "cmafDashPlayUrl", "rtmpPlayUrl", "httpFlvPlayUrl",
            "liveUrl", "profile", "error", "stats", "createdAt", "lastModifiedAt"]
ROOM_KEYS = ["id", "state", "uuid", "type", "protocol", "videoRoomState", "forciblyTerminated", "vodState", "vodUrl",
             "format", "accessLevel", "app", "member", "creatorType", "creatorId", "title", "description",
             "customType", "customData", "scheduledAt", "cancelledAt", "liveStartedAt", "liveEndedAt",
             "vodArchivedAt", "streamKey", "playUrl", "liveUrl", "cmafHlsPlayUrl", "cmafDashPlayUrl", "rtmpPlayUrl",
             "httpFlvPlayUrl", "videoPost", "stats", "createdAt", "lastModifiedAt"]
PROFILE_KEYS = ["id", "state", "type", "creatorType", "representativeType", "app", "name", "description", "profile",
                "revision", "createdAt", "lastModifiedAt"]
PAGE_KEYS = ["content", "pageable", "totalPages", "totalElements", "numberOfElements", "number", "size", "first",
             "last", "empty", "sort"]


def assert_page(page, number, size, total):
    assert_keys(page, PAGE_KEYS)
    assert_keys(page["pageable"], ["offset", "pageNumber", "pageSize", "paged", "unpaged", "sort"])
    assert_keys(page["sort"], ["empty", "sorted", "unsorted"])
    assert page["number"] == number and page["size"] == size and page["totalElements"] == total
    assert page["pageable"]["offset"] == number * size
    assert page["pageable"]["pageNumber"] == number and page["pageable"]["pageSize"] == size
    assert page["totalPages"] == (total + size - 1) // size
    assert page["numberOfElements"] == len(page["content"])
    assert page["first"] == (number == 0)
    assert page["empty"] == (len(page["content"]) == 0)


def assert_error(resp, status, code):
    s, body, _ = resp
    assert s == status, (s, body)
    assert isinstance(body, dict) and body.get("errorCode") == code, body
    assert isinstance(body.get("errorMessage"), str)


def make_member(server, app_user_id=None, **fields):
    app_user_id = app_user_id or uid()
    body = dict(fields, appUserId=app_user_id)
    return server.ok("POST", A + "/members", body, expect=(200, 201))


def make_room(server, app_user_id, **fields):
    body = {"type": "BROADCAST_RTMP", "appUserId": app_user_id, "scheduledAt": "2030-01-02T03:04:05Z",
            "title": "room"}
    body.update(fields)
    return server.ok("POST", A + "/video-rooms", body, expect=201)
