"""The sandbox control API (docs/sandbox-api.md), against a real server."""
import os
import subprocess
import time

import pytest

import media
import target as target_mod
from client import ApiError, WebhookReceiver, http, wait_for
from client import unique


def faults(t, body=None, method="POST"):
    return http(method, t.api_url + "/_sandbox/chaos/faults", body=body)


@pytest.mark.clause("sandbox API: health, fault rules listed and removed")
def test_health_and_rules(own):
    h = http("GET", own.api_url + "/_sandbox/health").json
    assert h["sandbox"] is True and "skip_active_live_prep" in h["deviations"]
    r = faults(own, [{"type": "api_error", "method": "GET", "path": "/v2/apps/me/members/nobody", "errorCode":
                      "REQUEST_LOCKED"}, {"type": "deviation", "mode": "skip_active_live_prep"}])
    assert r.status == 201, r.raw
    listed = faults(own, method="GET").json
    assert [f["type"] for f in listed] == ["api_error", "deviation"] and listed[0]["status"] == 400
    assert http("DELETE", own.api_url + "/_sandbox/chaos/faults/%d" % listed[0]["id"]).status == 204
    assert [f["type"] for f in faults(own, method="GET").json] == ["deviation"]
    assert faults(own, method="DELETE").status == 204 and faults(own, method="GET").json == []
    bad = faults(own, {"type": "nonsense"})
    assert bad.status == 400 and bad.json["errorCode"] == "INVALID_REQUEST_PARAMETER"
    assert faults(own, {"type": "deviation", "mode": "nope"}).status == 400
    assert http("POST", own.api_url + "/_sandbox/chaos/faults", raw_body=b"{x").status == 400


@pytest.mark.clause("sandbox API: api_error answers the given code for matching requests, count times")
def test_api_error_injection(own):
    own.app.member("injA")
    faults(own, {"type": "api_error", "method": "GET", "path": "/v2/apps/me/members/*", "errorCode":
                 "MEDIA_SERVICE_INTERNAL_SERVER_ERROR", "count": 2})
    for _ in range(2):
        with pytest.raises(ApiError) as e:
            own.app.request("GET", "/members/injA")
        assert (e.value.status, e.value.error_code) == (500, "MEDIA_SERVICE_INTERNAL_SERVER_ERROR")
    assert own.app.request("GET", "/members/injA")["appUserId"] == "injA"
    assert own.app.request("GET", "/members", query={"pageSize": 1})  # never matched: other path
    faults(own, method="DELETE")


@pytest.mark.clause("sandbox API: state reset empties members and rooms, keeps the app and profiles")
def test_reset(own):
    own.app.member("resetA")
    own.app.room("resetA")
    key = own.app.key_of("resetA")
    p = media.publish("%s/%s" % (own.rtmp_url, key["streamKey"]))
    wait_for(lambda: own.app.key_of("resetA")["streamKeyState"] == "ACTIVE", what="ACTIVE")
    r = http("POST", own.api_url + "/_sandbox/state/reset")
    try:
        wait_for(lambda: p.poll() is not None, what="the running ingest to be dropped by the reset")
    finally:
        media.stop(p)
    assert r.status == 200 and r.json["deletedMembers"] >= 1, r.raw
    assert own.app.request("GET", "/members")["totalElements"] == 0
    assert own.app.request("GET", "/video-rooms")["totalElements"] == 0
    assert own.app.request("GET", "/transcoding-profiles")["totalElements"] >= 2
    assert own.app.request("GET", "/")["id"]


@pytest.mark.clause("sandbox API: drop_ingest and publish_delay")
def test_drop_ingest_and_publish_delay(own):
    uid = unique("drop")
    own.app.member(uid)
    key = own.app.key_of(uid)
    faults(own, {"type": "publish_delay", "seconds": 3})
    p = media.publish("%s/%s" % (own.rtmp_url, key["streamKey"]))
    try:
        wait_for(lambda: own.app.key_of(uid)["streamKeyState"] == "ACTIVE_PREP", what="ACTIVE_PREP")
        t0 = time.time()
        wait_for(lambda: own.app.key_of(uid)["streamKeyState"] == "ACTIVE", what="ACTIVE")
        assert time.time() - t0 >= 2.0, "viewable was held back by the publish delay"
        r = faults(own, {"type": "drop_ingest", "appUserId": uid})
        assert r.status == 201, r.raw
        wait_for(lambda: own.app.key_of(uid)["streamKeyState"] == "INACTIVE", what="INACTIVE after the drop")
        wait_for(lambda: p.poll() is not None, what="the publisher to lose its connection")
    finally:
        media.stop(p)
    assert faults(own, {"type": "drop_ingest", "appUserId": "noSuchUser"}).json["errorCode"] == "MEMBER_NOT_FOUND"


@pytest.mark.clause("sandbox API: webhook_fail drops the next deliveries")
def test_webhook_fail(own):
    rx = WebhookReceiver()
    try:
        own.app.request("PATCH", "/", {"callback": {"url": rx.url, "accessId": "a", "accessPassword": "passw0rd"}})
        faults(own, {"type": "webhook_fail", "count": 1})
        own.app.member("hookA")
        own.app.room("hookA")  # VIDEO_ROOM_SCHEDULED: dropped
        own.app.room("hookA")  # delivered
        wait_for(lambda: rx.calls, what="the second webhook")
        time.sleep(0.5)
        assert len([c for c in rx.calls if c[1]["type"] == "VIDEO_ROOM_SCHEDULED"]) == 1
    finally:
        own.app.request("PATCH", "/", {"callback": {"url": None}})
        rx.stop()


@pytest.mark.clause("sandbox API: archive_fail, or SERVICE_UNAVAILABLE when archiving is not wired")
def test_archive_fail(own):
    r = faults(own, {"type": "archive_fail"})
    if own.capabilities.get("archiving"):
        assert r.status == 201, r.raw
    else:
        assert (r.status, r.json["errorCode"]) == (503, "SERVICE_UNAVAILABLE")


@pytest.mark.clause("sandbox API: off unless --sandbox-api")
def test_off_by_default():
    exe = target_mod.binary()
    if not os.path.exists(exe):
        pytest.skip("no binary")
    t = target_mod.start_sandbox()
    try:
        t.proc.terminate()
        t.proc.wait(10)
        args = [exe, "serve", "--data-dir", t.data_dir, "--http-port", "0", "--rtmp-port", "0", "--bind",
                "127.0.0.1", "--ready-file", t.data_dir + "/ready2.json"]
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(lambda: os.path.exists(t.data_dir + "/ready2.json"), what="ready")
            import json
            port = json.load(open(t.data_dir + "/ready2.json"))["http"]
            r = http("GET", "http://127.0.0.1:%d/_sandbox/health" % port)
            assert r.status == 404
        finally:
            proc.terminate()
            proc.wait(10)
    finally:
        t.stop()
