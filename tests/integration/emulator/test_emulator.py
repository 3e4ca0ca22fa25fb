"""ffemu publish / play / load against real RTMP servers (nginx-rtmp and ffsandbox; see conftest.py)."""
import json
import socket
import subprocess
import threading
import time
import uuid

import pytest

from emu_tools import ffemu, ffemu_bg


def last_json(stdout):
    return json.loads(stdout.strip().splitlines()[-1])


def unique(prefix):
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def test_publish_then_play_rtmp_ffprobe_and_rtmpdump(target, tmp_path):
    name = unique("pub")
    pub = ffemu_bg("publish", target.publish_url(name), "--duration", 14, "--json")
    time.sleep(1.0)
    play = target.play_url(name)
    rc, out, err = ffemu("play", play, "--duration", 4, "--json")
    assert rc == 0, err
    s = last_json(out)
    assert s["video_frames"] > 60
    assert s["audio_frames"] > 60
    assert s["latency_ms"]["samples"] > 60 and s["latency_ms"]["sei"] > 0
    assert 0 <= s["latency_ms"]["p50"] < 500
    probe = subprocess.run(["timeout", "10", "ffprobe", "-v", "error", "-analyzeduration", "2000000", "-show_entries",
                            "stream=codec_name,width,height", "-of", "json", play],
                           capture_output=True, text=True)
    streams = {st["codec_name"]: st for st in json.loads(probe.stdout)["streams"]}
    assert streams["h264"]["width"] == 1280 and streams["h264"]["height"] == 720
    assert "aac" in streams
    dump = tmp_path / "dump.flv"
    subprocess.run(["timeout", "10", "rtmpdump", "-q", "-v", "-r", play, "-B", "1", "-o", str(dump)])
    assert dump.stat().st_size > 100_000
    out, err = pub.communicate(timeout=20)
    assert pub.returncode == 0, err
    assert last_json(out)["frames"] >= 400


def test_portrait_and_no_audio(target):
    name = unique("por")
    pub = ffemu_bg("publish", target.publish_url(name), "--duration", 5, "--portrait", "--no-audio", "--size", "640x360")
    time.sleep(1.5)
    play = target.play_url(name)
    probe = subprocess.run(["timeout", "10", "ffprobe", "-v", "error", "-analyzeduration", "2000000", "-show_entries",
                            "stream=codec_name,width,height", "-of", "json", play],
                           capture_output=True, text=True)
    streams = json.loads(probe.stdout)["streams"]
    assert [(s["codec_name"], s["width"], s["height"]) for s in streams] == [("h264", 360, 640)]
    pub.communicate(timeout=20)
    assert pub.returncode == 0


@pytest.mark.parametrize("kind,connections", [("clean", 3), ("abrupt", 3), ("stall", 1)])
def test_flapping(target, kind, connections):
    name = unique("flap")
    pub = ffemu_bg("publish", target.publish_url(name), "--duration", 9, "--flap", "2:1.5:2", "--break", kind, "--json")
    time.sleep(0.5)
    first = target.play_url(name)
    rc, out, err = ffemu("play", first, "--duration", 8, "--timeout", 5, "--json")
    if target.kind == "ffsandbox" and kind != "stall":
        # ffsandbox ends its viewers with the ingest session (a resumed
        # broadcast is a new session); the key goes INACTIVE and back ACTIVE.
        assert last_json(out)["video_frames"] > 20, err
        states = []
        deadline = time.time() + 8
        while "ACTIVE" not in states[states.index("INACTIVE") + 1:] if "INACTIVE" in states else True:
            assert time.time() < deadline, states
            st = target.server.stream_key_of(name)["streamKeyState"]
            if not states or states[-1] != st:
                states.append(st)
            time.sleep(0.05)
    else:
        assert rc == 0, err
        assert last_json(out)["video_frames"] > 60
    out, err = pub.communicate(timeout=30)
    assert pub.returncode == 0, err
    s = last_json(out)
    assert s["breaks"] == 2
    assert s["connections"] == connections


def test_publish_refused_exits_nonzero(target):
    rc, out, err = ffemu("publish", target.refused_url(uuid.uuid4().hex[:4]), "--duration", 2, timeout=30)
    assert rc != 0
    assert "ffemu publish:" in err


def test_play_breaks_when_stream_stops(target):
    name = unique("brk")
    pub = ffemu_bg("publish", target.publish_url(name), "--duration", 3)
    time.sleep(0.5)
    rc, out, err = ffemu("play", target.play_url(name), "--duration", 20, "--timeout", 2, "--json", timeout=40)
    pub.communicate(timeout=20)
    assert rc != 0
    assert last_json(out)["ok"] is False


class DelayProxy:
    """TCP pass-through that delivers server->client bytes `delay` seconds late."""

    def __init__(self, upstream, delay):
        self.upstream, self.delay = upstream, delay
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            u = socket.create_connection(self.upstream)
            threading.Thread(target=self._pipe, args=(c, u, 0), daemon=True).start()
            threading.Thread(target=self._pipe, args=(u, c, self.delay), daemon=True).start()

    @staticmethod
    def _pipe(src, dst, delay):
        import queue
        q = queue.Queue()

        def writer():
            while True:
                due, data = q.get()
                if data is None:
                    break
                time.sleep(max(0, due - time.monotonic()))
                try:
                    dst.sendall(data)
                except OSError:
                    break
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        threading.Thread(target=writer, daemon=True).start()
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                data = b""
            q.put((time.monotonic() + delay, data or None))
            if not data:
                return

    def close(self):
        self.sock.close()


def test_latency_measurement_matches_inserted_delay(target):
    name = unique("lat")
    pub = ffemu_bg("publish", target.publish_url(name), "--duration", 10, "--bitrate", "1000k")
    time.sleep(1.0)
    play = target.play_url(name)
    hostport, path = play.split("//")[1].split("/", 1)
    host, port = hostport.split(":")
    proxy = DelayProxy((host, int(port)), 0.5)
    direct = ffemu_bg("play", play, "--duration", 7, "--json")
    rc, out, err = ffemu("play", f"rtmp://127.0.0.1:{proxy.port}/{path}", "--duration", 7, "--json")
    assert rc == 0, err
    delayed = last_json(out)["latency_ms"]["p50"]
    dout, _ = direct.communicate(timeout=20)
    base = last_json(dout)["latency_ms"]["p50"]
    pub.communicate(timeout=20)
    proxy.close()
    assert abs((delayed - base) - 500) < 100, (base, delayed)


def test_load_200_viewers(target):
    name = unique("load")
    pub = ffemu_bg("publish", target.publish_url(name), "--duration", 14, "--bitrate", "1000k")
    time.sleep(1.0)
    rc, out, err = ffemu("load", target.play_url(name), "--viewers", 200, "--duration", 10, "--ramp", 100, "--json")
    pub.communicate(timeout=30)
    s = last_json(out)
    assert rc == 0, (out, err)
    assert s["connected"] == 200 and s["failed"] == 0
    assert s["video_frames"] > 200 * 30 * 5


def test_hls_and_dash_follow_the_live_edge(target):
    name = unique("seg")
    publish = target.segmented_publish_url(name)
    if not publish:
        pytest.skip("target has no HLS/DASH application")
    pub = ffemu_bg("publish", publish, "--duration", 24, "--gop", "1s", "--size", "640x360")
    time.sleep(7)
    hls_url, dash_url = target.segmented_play_urls(name)
    rc, out, err = ffemu("play", hls_url, "--duration", 6, "--barcode", "--json")
    assert rc == 0, err
    hls = last_json(out)
    assert hls["video_frames"] > 100 and hls["latency_ms"]["barcode"] > 100
    rc, out, err = ffemu("play", dash_url, "--duration", 6, "--json")
    assert rc == 0, err
    assert last_json(out)["video_frames"] > 30
    pub.communicate(timeout=30)
