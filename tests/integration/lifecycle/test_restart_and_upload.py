"""VOD archiving across a SIGKILL, and the upload flow of contract §6 end to end."""
import os
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lifecycle_helpers as lh  # noqa: E402
from lifecycle_helpers import mt  # noqa: E402

pytestmark = pytest.mark.skipif(not (mt.have("ffmpeg") and mt.have("ffprobe")), reason="ffmpeg missing")


def test_sigkill_during_archiving_still_ends_archived(fresh_server):
    server = fresh_server
    uid, key = lh.new_member(server)
    rid = lh.new_room(server, uid)["id"]
    pub = mt.ffmpeg_publish(key["ingestUrl"] + "/" + key["streamKey"], seconds=60)
    try:
        server.wait_key_state(uid, "ACTIVE", timeout=15)
        lh.control(server, rid, "live")
        time.sleep(5)
    finally:
        mt.stop(pub)
    lh.wait_room(server, rid, lambda r: r["videoRoomState"] == "LIVE_INACTIVE", what="LIVE_INACTIVE")
    ended = lh.control(server, rid, "ended")
    server.kill9()  # right after the end: the archive job cannot have finished
    assert ended["vodState"] == "ARCHIVING"
    server.start()
    pid = ended["videoPost"]["id"]
    p = lh.wait_post_done(server, pid)
    assert p["videoPostState"] == "PROCESSED", p
    r = lh.room(server, rid)
    assert r["videoRoomState"] == "ARCHIVED" and r["vodState"] == "ARCHIVED"
    assert "resuming the archive of post %d" % pid in server.log()
    info = lh.probe(r["vodUrl"])  # the URL carries the new port
    assert 3.0 <= float(info["format"]["duration"]) <= 6.5


def upload(server, path, parts):
    size = os.path.getsize(path)
    urls = server.ok("POST", "/v2/apps/me/video-posts/%d/src-file/request-upload-urls" % parts["post"],
                     {"filename": "clip.mp4", "size": size, "contentType": "video/mp4",
                      "multipartCount": parts["count"]})
    assert [u["partNumber"] for u in urls] == list(range(1, parts["count"] + 1))
    data = open(path, "rb").read()
    chunk = (len(data) + parts["count"] - 1) // parts["count"]
    etags = []
    for i, u in enumerate(urls):
        assert u["uploadUrl"].startswith(server.http_base + "/uploads/")
        path_only = u["uploadUrl"][len(server.http_base):]
        status, _, hdrs = server.api("PUT", path_only, auth=None, raw_body=data[i * chunk:(i + 1) * chunk],
                                     headers={"Content-Type": "application/octet-stream"})
        assert status == 200 and hdrs.get("etag"), (status, hdrs)
        etags.append({"partNumber": u["partNumber"], "eTag": hdrs["etag"]})
    return etags


def test_upload_flow_end_to_end(server, tmp_path):
    uid, _ = lh.new_member(server)
    src = str(tmp_path / "clip.mp4")
    lh.make_mp4(src, seconds=5)
    created = server.ok("POST", "/v2/apps/me/video-posts", {"appUserId": uid, "title": "my clip"}, expect=201)
    assert created["videoPostState"] == "CREATED" and created["type"] == "PRE_RECORDED"
    pid = created["id"]
    patched = server.ok("PATCH", "/v2/apps/me/video-posts/%d" % pid, {"description": "about it"})
    assert patched["description"] == "about it" and patched["title"] == "my clip"

    etags = upload(server, src, {"post": pid, "count": 3})
    # a wrong eTag is refused and changes nothing
    bad = [dict(e) for e in etags]
    bad[1]["eTag"] = "\"0000\""
    status, body, _ = server.api("POST", "/v2/apps/me/video-posts/%d/src-file/complete-upload" % pid, bad)
    assert status == 400 and body["errorCode"] == "INVALID_REQUEST_PARAMETER", body
    assert lh.post(server, pid)["videoPostState"] == "CREATED"

    done = server.ok("POST", "/v2/apps/me/video-posts/%d/src-file/complete-upload" % pid, etags)
    assert done["videoPostState"] in ("QUEUED", "PROCESSING", "PROCESSED")
    assert done["file"]["src"]["size"] == os.path.getsize(src)
    assert done["file"]["src"]["originalFileName"] == "clip.mp4"
    p = lh.wait_post_done(server, pid)
    assert p["videoPostState"] == "PROCESSED", p
    summaries = {s["format"]: s for s in p["file"]["processedSummaries"]}
    info = lh.probe(summaries["MP4"]["url"])
    assert abs(float(info["format"]["duration"]) - 5.0) <= 0.5
    assert lh.video_stream(lh.probe(summaries["CMAF_HLS"]["url"]))["codec_name"] == "h264"
    assert p["file"]["thumbnail"]["url"]
    # a processed post takes no new upload; it can be deleted
    status, body, _ = server.api("POST", "/v2/apps/me/video-posts/%d/src-file/request-upload-urls" % pid,
                                 {"filename": "x.mp4", "size": 10})
    assert status == 400 and body["errorCode"] == "VIDEO_POST_STATE_INVALID"
    server.ok("DELETE", "/v2/apps/me/video-posts/%d" % pid, expect=204)
    status, body, _ = server.api("GET", "/v2/apps/me/video-posts/%d" % pid)
    assert status == 404 and body["errorCode"] == "VIDEO_POST_NOT_FOUND"


def test_upload_failures(server, tmp_path):
    uid, _ = lh.new_member(server)
    # announced size differs from what arrived: FAILED_UPLOAD
    pid = server.ok("POST", "/v2/apps/me/video-posts", {"appUserId": uid, "title": "short"}, expect=201)["id"]
    urls = server.ok("POST", "/v2/apps/me/video-posts/%d/src-file/request-upload-urls" % pid,
                     {"filename": "a.mp4", "size": 1000, "contentType": "video/mp4"})
    status, _, hdrs = server.api("PUT", urls[0]["uploadUrl"][len(server.http_base):], auth=None, raw_body=b"x" * 10)
    assert status == 200
    status, body, _ = server.api("POST", "/v2/apps/me/video-posts/%d/src-file/complete-upload" % pid,
                                 [{"partNumber": 1, "eTag": hdrs["etag"]}])
    assert status == 400
    p = lh.post(server, pid)
    assert p["videoPostState"] == "FAILED_UPLOAD"

    # not a video: the upload completes, processing fails with the reason
    pid = server.ok("POST", "/v2/apps/me/video-posts", {"appUserId": uid, "title": "junk"}, expect=201)["id"]
    junk = str(tmp_path / "junk.bin")
    open(junk, "wb").write(os.urandom(4096))
    etags = upload(server, junk, {"post": pid, "count": 1})
    server.ok("POST", "/v2/apps/me/video-posts/%d/src-file/complete-upload" % pid, etags)
    p = lh.wait_post_done(server, pid)
    assert p["videoPostState"] == "FAILED_PROCESSING"

    # unknown upload URL, missing appUserId, unknown post
    status, _, _ = server.api("PUT", "/uploads/999.deadbeef/1", auth=None, raw_body=b"x")
    assert status == 404
    status, body, _ = server.api("POST", "/v2/apps/me/video-posts", {"title": "no owner"})
    assert status == 400
    status, body, _ = server.api("POST", "/v2/apps/me/video-posts/999999/src-file/request-upload-urls",
                                 {"filename": "a.mp4", "size": 1})
    assert status == 404 and body["errorCode"] == "VIDEO_POST_NOT_FOUND"
