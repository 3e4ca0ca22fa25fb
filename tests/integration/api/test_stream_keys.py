"""Stream keys over HTTP (contract §4): shape, list filters, profile/mode, reissue, force-terminate."""
from helpers import A, KEY_KEYS, assert_error, assert_keys, assert_page, assert_time, make_member, uid


def profile_id(server, name):
    page = server.ok("GET", A + "/transcoding-profiles?name=" + name)
    assert page["totalElements"] == 1
    return page["content"][0]["id"]


def test_shape_of_an_idle_key(server):
    m = make_member(server, appUserName="Kim")
    k = server.ok("GET", A + "/members/%s/stream-key" % m["appUserId"])
    assert_keys(k, KEY_KEYS)
    assert k["state"] == "ACTIVE" and k["streamKeyState"] == "INACTIVE" and k["forciblyTerminated"] is False
    assert_keys(k["app"], ["id", "state", "name", "defaultRtmpOutputMode"])
    assert k["app"]["defaultRtmpOutputMode"] == "RTMP"
    assert k["member"] == {"id": m["id"], "state": "ACTIVE", "appUserId": m["appUserId"], "appUserName": "Kim",
                           "appUserProfileImgUrl": None}
    assert k["videoRoom"] is None and k["mode"] is None and k["error"] is None and k["stats"] is None
    for f in ["playUrl", "cmafHlsPlayUrl", "cmafDashPlayUrl", "rtmpPlayUrl", "httpFlvPlayUrl", "liveUrl"]:
        assert k[f] is None
    assert k["ingestUrl"] == server.rtmp_base
    assert isinstance(k["streamKey"], str) and len(k["streamKey"]) >= 20
    assert_keys(k["profile"], ["id", "state", "type", "name", "profile", "revision"])
    assert k["profile"]["name"] == "broadcast-landscape" and k["profile"]["type"] == "BROADCAST_RTMP"
    assert k["profile"]["profile"]["segmentDuration"] == 2
    assert_time(k["createdAt"])
    assert server.ok("GET", A + "/stream-keys/%d" % k["id"]) == k


def test_list_filters(server):
    a = make_member(server, appUserName=uid("n"))
    make_member(server)
    page = server.ok("GET", A + "/stream-keys?appUserId=" + a["appUserId"])
    assert_page(page, 0, 20, 1)
    assert page["content"][0]["member"]["id"] == a["id"]
    page = server.ok("GET", A + "/stream-keys?memberId=%d" % a["id"])
    assert [k["member"]["id"] for k in page["content"]] == [a["id"]]
    page = server.ok("GET", A + "/stream-keys?appUserName=" + a["appUserName"])
    assert page["totalElements"] == 1
    page = server.ok("GET", A + "/stream-keys?videoRoomId=999999")
    assert page["totalElements"] == 0 and page["content"] == []
    assert_error(server.api("GET", A + "/stream-keys?memberId=abc"), 400, "INVALID_REQUEST_PARAMETER")


def test_patch_profile_and_mode(server):
    m = make_member(server)
    k = server.ok("GET", A + "/members/%s/stream-key" % m["appUserId"])
    portrait = profile_id(server, "broadcast-portrait")
    p = server.ok("PATCH", A + "/stream-keys/%d" % k["id"], {"profileId": portrait, "mode": "CMAF"})
    assert p["profile"]["id"] == portrait and p["profile"]["name"] == "broadcast-portrait"
    assert p["profile"]["profile"]["videoStreams"][0]["width"] == 360
    assert p["mode"] is None  # mode is the running ingest's; the setting is the key's own default
    assert_error(server.api("PATCH", A + "/stream-keys/%d" % k["id"], {"profileId": profile_id(server, "vod-default")}),
                 400, "TRANSCODING_PROFILE_TYPE_NOT_BROADCAST_RTMP")
    assert_error(server.api("PATCH", A + "/stream-keys/%d" % k["id"], {"profileId": 987654}), 404,
                 "TRANSCODING_PROFILE_NOT_FOUND")
    s, e, _ = server.api("PATCH", A + "/stream-keys/%d" % k["id"], {"mode": "HLS"})
    assert s == 400 and e["errorCode"] == "INVALID_HTTP_MESSAGE_BODY" and "mode" in e["errorMessage"]
    s, e, _ = server.api("PATCH", A + "/stream-keys/%d" % k["id"], {"profileId": "1"})
    assert s == 400 and e["errorCode"] == "INVALID_HTTP_MESSAGE_BODY" and "profileId" in e["errorMessage"]
    # Errors changed nothing.
    assert server.ok("GET", A + "/stream-keys/%d" % k["id"])["profile"]["id"] == portrait


def test_reissue_and_force_terminate(server):
    m = make_member(server)
    k = server.ok("GET", A + "/members/%s/stream-key" % m["appUserId"])
    r = server.ok("POST", A + "/stream-keys/%d/reissue" % k["id"])
    assert r["streamKey"] != k["streamKey"] and r["id"] == k["id"]
    s, body, _ = server.api("POST", A + "/stream-keys/%d/force-terminate" % k["id"])
    assert s == 204
    after = server.ok("GET", A + "/stream-keys/%d" % k["id"])
    assert after["forciblyTerminated"] is True and after["streamKeyState"] == "INACTIVE"
    assert after["streamKey"] != r["streamKey"]
    s, _, _ = server.api("POST", A + "/members/%s/stream-key/force-terminate" % m["appUserId"])
    assert s == 204


def test_unknown_ids(server):
    for path in ["/stream-keys/999999", "/stream-keys/abc"]:
        assert_error(server.api("GET", A + path), 404, "STREAM_KEY_NOT_FOUND")
    assert_error(server.api("POST", A + "/stream-keys/999999/reissue"), 404, "STREAM_KEY_NOT_FOUND")
    assert_error(server.api("POST", A + "/stream-keys/999999/force-terminate"), 404, "STREAM_KEY_NOT_FOUND")
    assert_error(server.api("POST", A + "/members/%s/stream-key/force-terminate" % uid()), 404, "MEMBER_NOT_FOUND")
