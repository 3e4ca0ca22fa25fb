#!/usr/bin/python3
"""Bench: time from "end" to ARCHIVED, as % of the broadcast's duration (aim <= 10% + 3 s).

Standalone (not collected by pytest): /usr/bin/python3 tests/bench/lifecycle/bench_archive.py [minutes ...]
Default: 1 and 10 minutes. The broadcast is published faster than real time (ffmpeg -readrate,
from a pre-encoded 640x360 H.264/AAC file, stream copy), so a 10-minute recording takes about a
minute; the recording is the same as a real-time one (tag timestamps), so archiving work is
identical. Set FFSANDBOX_BUILD like the integration tests.
"""
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "integration"))
sys.path.insert(0, os.path.join(HERE, "..", "..", "integration", "lifecycle"))
from ffs_server import Server  # noqa: E402
import lifecycle_helpers as lh  # noqa: E402

READRATE = 10


def encode(path, seconds):
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc=size=640x360:rate=30:duration=%d" % seconds,
                    "-f", "lavfi", "-i", "sine=frequency=440:duration=%d" % seconds,
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "30", "-b:v", "800k",
                    "-c:a", "aac", "-b:a", "64k", "-f", "flv", path], check=True)


def one(server, src, seconds):
    uid, key = lh.new_member(server)
    rid = lh.new_room(server, uid)["id"]
    url = key["ingestUrl"] + "/" + key["streamKey"]
    pub = subprocess.Popen(["ffmpeg", "-hide_banner", "-loglevel", "error", "-readrate", str(READRATE),
                            "-i", src, "-c", "copy", "-f", "flv", url], stdin=subprocess.DEVNULL)
    server.wait_key_state(uid, "ACTIVE", timeout=30)
    lh.control(server, rid, "live")
    pub.wait(timeout=seconds)
    lh.wait_room(server, rid, lambda r: r["videoRoomState"] == "LIVE_INACTIVE", timeout=30, what="inactive")
    t0 = time.time()
    pid = lh.control(server, rid, "ended")["videoPost"]["id"]
    lh.wait_room(server, rid, lambda r: r["vodState"] in ("ARCHIVED", "FAILED_ARCHIVING"), timeout=3600,
                 what="archived")
    took = time.time() - t0
    p = lh.post(server, pid)
    mp4 = next(s["url"] for s in p["file"]["processedSummaries"] if s["format"] == "MP4")
    duration = float(lh.probe(mp4)["format"]["duration"])
    return duration, took


def main():
    minutes = [float(m) for m in sys.argv[1:]] or [1, 10]
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(os.path.join(tmp, "data")).start()
        try:
            for m in minutes:
                seconds = int(m * 60)
                src = os.path.join(tmp, "src-%d.flv" % seconds)
                encode(src, seconds)
                duration, took = one(server, src, seconds)
                budget = 0.10 * duration + 3
                print("%5.1f min broadcast (recorded %.1f s): end -> ARCHIVED %.2f s = %.2f%% of duration "
                      "(budget %.1f s: %s)" % (m, duration, took, 100 * took / duration, budget,
                                               "OK" if took <= budget else "OVER"), flush=True)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
