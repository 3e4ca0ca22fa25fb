"""A SIGTERM'd server stops promptly even when a CMAF pipeline still has a
long backlog to transcode (an overloaded machine, or a publisher that pushed
faster than real time): the drain after an ingest ends is bounded (5 s), then
aborted, so the server exits well inside a container's 10 s stop grace period.
"""
import subprocess
import time

import pytest

from cmaf_tools import ffmpeg_push_file, mt, new_member, publish_url

pytestmark = pytest.mark.skipif(not mt.have("ffmpeg"), reason="ffmpeg missing")


def test_sigterm_with_cmaf_backlog_stops_promptly(make_server, tmp_path):
    src = str(tmp_path / "burst.flv")
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=640x360:rate=30:duration=90", "-c:v", "libx264", "-preset", "ultrafast",
                    "-g", "30", "-b:v", "400k", "-pix_fmt", "yuv420p", "-f", "flv", src], check=True)
    srv = make_server()
    uid, key = new_member(srv)
    pub = ffmpeg_push_file(src, publish_url(key, "CMAF"), realtime=False)  # 90 s of media in a burst
    assert pub.wait(60) == 0, pub.stderr.read()[-500:]
    srv.wait_key_state(uid, "INACTIVE", timeout=20)
    t0 = time.time()
    srv.stop()
    took = time.time() - t0
    assert srv.proc.returncode == 0, srv.proc.returncode
    assert took < 9, "server took %.1f s to stop" % took
