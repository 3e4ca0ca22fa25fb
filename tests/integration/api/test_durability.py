"""Every committed change survives a SIGKILL right after its response (WAL, synchronous=NORMAL)."""
from helpers import A, make_member, make_room, uid


def test_committed_changes_survive_kill9(fresh_server):
    srv = fresh_server
    members = [make_member(srv, appUserName="n%d" % i) for i in range(5)]
    room = make_room(srv, members[0]["appUserId"], title="durable")
    srv.ok("PATCH", A + "/video-rooms/%d" % room["id"], {"title": "durable 2"})
    cancelled = make_room(srv, members[1]["appUserId"])
    srv.ok("POST", A + "/video-rooms/%d/rtmp-broadcast/state/cancelled" % cancelled["id"])
    key = srv.ok("POST", A + "/stream-keys/%d/reissue" % srv.stream_key_of(members[2]["appUserId"])["id"])
    srv.ok("PATCH", A, {"defaultRtmpOutputMode": "CMAF"})
    srv.ok("DELETE", A + "/members/" + members[3]["appUserId"])
    tokens = srv.ok("POST", A + "/members/login", {"appUserId": uid()})
    srv.kill9()
    srv.start()
    for m in [members[0], members[1], members[2], members[4]]:
        assert srv.ok("GET", A + "/members/" + m["appUserId"])["id"] == m["id"]
    assert srv.api("GET", A + "/members/" + members[3]["appUserId"])[0] == 404
    assert srv.ok("GET", A + "/video-rooms/%d" % room["id"])["title"] == "durable 2"
    assert srv.ok("GET", A + "/video-rooms/%d" % cancelled["id"])["videoRoomState"] == "CANCELLED"
    assert srv.stream_key_of(members[2]["appUserId"])["streamKey"] == key["streamKey"]
    assert srv.ok("GET", A)["defaultRtmpOutputMode"] == "CMAF"
    assert srv.ok("GET", "/v2/members/me", auth=("bearer", tokens["accessToken"]))["state"] == "ACTIVE"
