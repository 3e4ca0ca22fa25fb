"""Transcoding profiles (§7), video posts (§6), app settings and the OpenAPI document over HTTP."""
from helpers import A, PROFILE_KEYS, assert_error, assert_keys, assert_page, assert_time

LANDSCAPE = {"segmentDuration": 2, "videoStreams": [
    {"name": "360p", "type": "video", "width": 640, "height": 360, "bitrate": 800000},
    {"name": "720p", "type": "video", "width": 1280, "height": 720, "bitrate": 3000000}],
    "audioStream": {"name": "audio", "type": "audio", "bitrate": 128000}, "drm": False}


def test_system_profiles(server):
    page = server.ok("GET", A + "/transcoding-profiles?sortBy=CREATED_AT_ASC")
    assert_page(page, 0, 20, 5)
    by_name = {p["name"]: p for p in page["content"]}
    assert set(by_name) == {"broadcast-landscape", "broadcast-portrait", "vod-default", "thumbnail-default",
                            "preview-default"}
    for p in page["content"]:
        assert_keys(p, PROFILE_KEYS)
        assert p["creatorType"] == "SYSTEM" and p["app"] is None and p["state"] == "ACTIVE" and p["revision"] == 1
        assert_time(p["createdAt"])
    land = by_name["broadcast-landscape"]
    assert land["type"] == "BROADCAST_RTMP" and land["representativeType"] == "DEFAULT"
    assert land["profile"] == LANDSCAPE
    portrait = by_name["broadcast-portrait"]["profile"]
    assert [(v["width"], v["height"]) for v in portrait["videoStreams"]] == [(360, 640), (720, 1280)]
    vod = by_name["vod-default"]
    assert vod["type"] == "VIDEO" and vod["representativeType"] == "DEFAULT"
    assert vod["profile"]["formats"] == ["MP4", "CMAF_HLS", "CMAF_MPEG_DASH"]
    assert by_name["thumbnail-default"]["profile"] == {"width": 640, "height": 360, "format": "JPEG", "atSeconds": 1}
    assert by_name["preview-default"]["type"] == "PREVIEW"
    assert server.ok("GET", A + "/transcoding-profiles/%d" % land["id"]) == land
    page = server.ok("GET", A + "/transcoding-profiles?type=BROADCAST_RTMP&representativeType=NON_DEFAULT")
    assert [p["name"] for p in page["content"]] == ["broadcast-portrait"]
    page = server.ok("GET", A + "/transcoding-profiles?creatorType=APP")
    assert page["totalElements"] == 0
    assert_error(server.api("GET", A + "/transcoding-profiles?type=AUDIO"), 400, "INVALID_REQUEST_PARAMETER")
    assert_error(server.api("GET", A + "/transcoding-profiles/999999"), 404, "TRANSCODING_PROFILE_NOT_FOUND")


def test_video_posts_empty_and_errors(server):
    page = server.ok("GET", A + "/video-posts?videoPostState=PROCESSED&accessLevel=PUBLIC")
    assert page["content"] == [] or all(p["videoPostState"] == "PROCESSED" for p in page["content"])
    assert_error(server.api("GET", A + "/video-posts?videoPostState=DONE"), 400, "INVALID_REQUEST_PARAMETER")
    assert_error(server.api("GET", A + "/video-posts/999999"), 404, "VIDEO_POST_NOT_FOUND")
    assert_error(server.api("GET", A + "/video-posts/abc"), 404, "VIDEO_POST_NOT_FOUND")


def test_app_settings(server):
    s = server.ok("GET", A)
    assert_keys(s, ["id", "state", "name", "apiKey", "defaultRtmpOutputMode", "callback",
                    "autoEndAfterInactiveSeconds", "createdAt", "lastModifiedAt"])
    assert s["apiKey"] == server.app_key and "secret" not in str(s).lower()
    p = server.ok("PATCH", A, {"defaultRtmpOutputMode": "RTMP_CMAF",
                               "callback": {"url": "http://127.0.0.1:9/hook", "accessId": "id",
                                            "accessPassword": "pw"},
                               "autoEndAfterInactiveSeconds": 30})
    assert p["defaultRtmpOutputMode"] == "RTMP_CMAF" and p["autoEndAfterInactiveSeconds"] == 30
    assert p["callback"] == {"url": "http://127.0.0.1:9/hook", "accessId": "id"}  # password write-only
    s2, e, _ = server.api("PATCH", A, {"defaultRtmpOutputMode": "HLS"})
    assert s2 == 400 and e["errorCode"] == "INVALID_HTTP_MESSAGE_BODY" and "defaultRtmpOutputMode" in e["errorMessage"]
    assert_error(server.api("PATCH", A, {"autoEndAfterInactiveSeconds": -1}), 400, "INVALID_HTTP_MESSAGE_BODY")
    assert_error(server.api("PATCH", A, raw_body="[1]"), 400, "INVALID_HTTP_MESSAGE_BODY")
    assert server.ok("GET", A)["defaultRtmpOutputMode"] == "RTMP_CMAF"  # the errors changed nothing
    p = server.ok("PATCH", A, {"defaultRtmpOutputMode": "RTMP", "callback": None, "autoEndAfterInactiveSeconds": 0})
    assert p["callback"] == {"url": None, "accessId": None}


def test_openapi_document(server):
    s, doc, h = server.api("GET", "/open-api/ffc-app-server.json", auth=None)
    assert s == 200 and "json" in h["content-type"]
    assert doc["openapi"].startswith("3.")
    assert "/v2/apps/me/video-rooms/{id}/rtmp-broadcast/state/live" in doc["paths"]
    assert "post" in doc["paths"]["/v2/members/me/video-rooms"]


def test_unknown_path_and_method(server):
    s, e, _ = server.api("GET", A + "/no-such-thing")
    assert s == 404
    s, e, _ = server.api("PUT", A + "/members")
    assert s == 400 and e["errorCode"] == "UNSUPPORTED_HTTP_METHOD"
