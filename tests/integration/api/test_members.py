"""Members over HTTP (contract §3): upsert, login, list, get, update, delete, validation."""
from helpers import A, MEMBER_KEYS, assert_error, assert_keys, assert_page, assert_time, make_member, uid


def test_upsert_creates_then_updates(server):
    u = uid()
    s, m, _ = server.api("POST", A + "/members", {"appUserId": u, "appUserName": "Alice",
                                                  "customData": {"k": "v"}, "email": "a@example.com"})
    assert s == 201
    assert_keys(m, MEMBER_KEYS)
    assert_keys(m["app"], ["id", "state", "name"])
    assert m["appUserId"] == u and m["appUserName"] == "Alice" and m["state"] == "ACTIVE"
    assert m["appUserProfileImgUrl"] is None and m["customType"] is None
    assert m["customData"] == {"k": "v"} and m["email"] == "a@example.com"
    assert_time(m["createdAt"])
    assert_time(m["lastModifiedAt"])
    s, m2, _ = server.api("POST", A + "/members", {"appUserId": u, "appUserName": "Alice B"})
    assert s == 200
    assert m2["id"] == m["id"] and m2["appUserName"] == "Alice B" and m2["customData"] == {"k": "v"}
    key = server.ok("GET", A + "/members/%s/stream-key" % u)
    assert key["streamKeyState"] == "INACTIVE"


def test_verbatim_strings(server):
    nasty = "it's \"q\"; DROP TABLE members; --\u0000 한국어 <b>"
    m = make_member(server, appUserName=nasty, customType="t'\"", customData={nasty[:40]: nasty[:50]})
    got = server.ok("GET", A + "/members/" + m["appUserId"])
    assert got["appUserName"] == nasty
    assert got["customType"] == "t'\""
    assert got["customData"] == {nasty[:40]: nasty[:50]}
    page = server.ok("GET", A + "/members?appUserName=" + __import__("urllib.parse").parse.quote(nasty))
    assert [x["appUserId"] for x in page["content"]] == [m["appUserId"]]


def test_validation_errors_change_nothing(server):
    assert_error(server.api("POST", A + "/members", {}), 400, "EMPTY_APP_USER_ID")
    assert_error(server.api("POST", A + "/members", {"appUserId": ""}), 400, "EMPTY_APP_USER_ID")
    assert_error(server.api("POST", A + "/members", {"appUserId": "a-b"}), 400, "INVALID_APP_USER_ID_FORMAT")
    u = uid()
    assert_error(server.api("POST", A + "/members", {"appUserId": u, "customType": "x" * 51}), 400,
                 "CUSTOM_TYPE_SIZE_UPPER_LIMIT_EXCEEDED")
    assert_error(server.api("POST", A + "/members", {"appUserId": u, "customData": {str(i): "v" for i in range(11)}}),
                 400, "CUSTOM_DATA_ITEM_COUNT_UPPER_LIMIT_EXCEEDED")
    assert_error(server.api("POST", A + "/members", {"appUserId": u, "customData": {"k" * 51: "v"}}), 400,
                 "CUSTOM_DATA_ITEM_NAME_SIZE_UPPER_LIMIT_EXCEEDED")
    assert_error(server.api("POST", A + "/members", {"appUserId": u, "customData": {"k": "v" * 51}}), 400,
                 "CUSTOM_DATA_ITEM_VALUE_SIZE_UPPER_LIMIT_EXCEEDED")
    assert_error(server.api("POST", A + "/members", raw_body="{nope"), 400, "INVALID_HTTP_MESSAGE_BODY")
    s, e, _ = server.api("POST", A + "/members", {"appUserId": u, "appUserName": 12})
    assert s == 400 and e["errorCode"] == "INVALID_HTTP_MESSAGE_BODY" and "appUserName" in e["errorMessage"]
    s, e, _ = server.api("POST", A + "/members", {"appUserId": u, "customData": {"k": 1}})
    assert s == 400 and e["errorCode"] == "INVALID_HTTP_MESSAGE_BODY" and "customData" in e["errorMessage"]
    assert_error(server.api("GET", A + "/members/" + u), 404, "MEMBER_NOT_FOUND")


def test_auth_errors(server):
    assert_error(server.api("GET", A + "/members", auth=None), 401, "EMPTY_APP_CREDENTIALS")
    assert_error(server.api("GET", A + "/members", auth=(server.app_key, "wrong")), 401, "INVALID_APP_CREDENTIALS")
    assert_error(server.api("GET", A + "/members", auth=("nokey", "x")), 401, "INVALID_APP_CREDENTIALS")


def test_list_filters_sorting_paging(server):
    prefix = uid("p")
    ids = [prefix + s for s in ["c", "a", "b"]]
    for i in ids:
        make_member(server, i, appUserName=prefix)
    page = server.ok("GET", A + "/members?appUserName=%s&sortBy=APP_USER_ID_ASC&pageSize=2" % prefix)
    assert_page(page, 0, 2, 3)
    assert [m["appUserId"] for m in page["content"]] == sorted(ids)[:2]
    assert page["last"] is False
    page = server.ok("GET", A + "/members?appUserName=%s&sortBy=APP_USER_ID_ASC&pageSize=2&page=1" % prefix)
    assert_page(page, 1, 2, 3)
    assert [m["appUserId"] for m in page["content"]] == sorted(ids)[2:]
    assert page["last"] is True
    page = server.ok("GET", A + "/members?appUserName=%s&sortBy=CREATED_AT_ASC" % prefix)
    assert [m["appUserId"] for m in page["content"]] == ids
    page = server.ok("GET", A + "/members?appUserName=%s" % prefix)  # default CREATED_AT_DESC, size 20
    assert_page(page, 0, 20, 3)
    assert [m["appUserId"] for m in page["content"]] == ids[::-1]
    page = server.ok("GET", A + "/members?appUserId=" + ids[0])
    assert [m["appUserId"] for m in page["content"]] == [ids[0]]
    for bad in ["pageSize=0", "pageSize=101", "page=-1", "page=abc", "sortBy=SIDEWAYS"]:
        assert_error(server.api("GET", A + "/members?" + bad), 400, "INVALID_REQUEST_PARAMETER")


def test_update_and_delete(server):
    m = make_member(server)
    u = m["appUserId"]
    p = server.ok("PATCH", A + "/members/" + u, {"appUserName": "New", "customType": "vip"})
    assert p["appUserName"] == "New" and p["customType"] == "vip"
    p = server.ok("PATCH", A + "/members/" + u, {"appUserName": None})
    assert p["appUserName"] is None and p["customType"] == "vip"
    assert_error(server.api("PATCH", A + "/members/" + uid(), {"appUserName": "x"}), 404, "MEMBER_NOT_FOUND")
    other = make_member(server)["appUserId"]
    # One unknown id: nothing is deleted.
    assert_error(server.api("DELETE", A + "/members/%s,%s" % (u, uid())), 404, "MEMBER_NOT_FOUND")
    server.ok("GET", A + "/members/" + u)
    s, body, _ = server.api("DELETE", A + "/members/%s,%s" % (u, other))
    assert s == 204 and not body
    assert_error(server.api("GET", A + "/members/" + u), 404, "MEMBER_NOT_FOUND")
    assert_error(server.api("GET", A + "/members/%s/stream-key" % other), 404, "MEMBER_NOT_FOUND")
    # The appUserId can be registered again, as a new member.
    again = make_member(server, u)
    assert again["id"] != m["id"]


def test_login_and_member_api(server):
    u = uid()
    s, t, _ = server.api("POST", A + "/members/login", {"appUserId": u, "appUserName": "Zed"})
    assert s == 200
    assert_keys(t, ["accessToken", "refreshToken", "streamingToken"])
    assert len({t["accessToken"], t["refreshToken"], t["streamingToken"]}) == 3
    me = server.ok("GET", "/v2/members/me", auth=("bearer", t["accessToken"]))
    assert_keys(me, MEMBER_KEYS)
    assert me["appUserId"] == u and me["appUserName"] == "Zed"
    key = server.ok("GET", "/v2/members/me/stream-key", auth=("bearer", t["accessToken"]))
    assert key["member"]["appUserId"] == u
    assert_error(server.api("GET", "/v2/members/me", auth=None), 401, "EMPTY_ACCESS_TOKEN")
    assert_error(server.api("GET", "/v2/members/me", auth=("bearer", "bogus")), 401, "INVALID_ACCESS_TOKEN")
    assert_error(server.api("GET", "/v2/members/me", auth=("bearer", t["refreshToken"])), 401,
                 "INVALID_ACCESS_TOKEN")
    s, g, _ = server.api("POST", A + "/members/login-as-guest")
    assert s == 200
    assert_keys(g, ["accessToken", "refreshToken", "streamingToken"])
    assert_error(server.api("POST", A + "/members/login", {}), 400, "EMPTY_APP_USER_ID")
