"""The media file routes refuse anything outside their directory, and unknown streams answer 404."""
import http.client


def raw_get(server, target):
    conn = http.client.HTTPConnection("127.0.0.1", server.http_port, timeout=10)
    try:
        conn.request("GET", target)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def test_health_and_ready(server):
    assert server.ok("GET", "/health", auth=None) == {"status": "UP"}
    assert server.ok("GET", "/ready", auth=None) == {"status": "READY"}


def test_cmaf_and_vod_routes_refuse_path_traversal(server):
    # the database sits two levels above {data}/cmaf/{playId}/
    for target in ("/cmaf/x/..%2F..%2Fffsandbox.db", "/cmaf/..%2F/ffsandbox.db", "/cmaf/x/../../ffsandbox.db",
                   "/vod/1/..%2F..%2Fffsandbox.db", "/vod/..%2F..%2F/ffsandbox.db", "/cmaf/x/.hidden",
                   "/cmaf/x/a%00b.m3u8"):
        status, body = raw_get(server, target)
        assert status in (400, 404), (target, status)
        assert b"SQLite format" not in body, target


def test_unknown_streams_answer_404(server):
    assert raw_get(server, "/cmaf/noSuchPlayId/master.m3u8")[0] == 404
    assert raw_get(server, "/vod/999999/video.mp4")[0] == 404
    assert raw_get(server, "/live/noSuchPlayId.flv")[0] == 404
    assert raw_get(server, "/live/noSuchPlayId.mp4")[0] == 404
