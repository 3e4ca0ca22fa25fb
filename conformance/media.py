"""Publishers and probes for the conformance suite (ffmpeg/ffprobe), self-contained."""
import json
import signal
import subprocess


def publish(url, seconds=60, size="640x360", fps=30):
    """An ffmpeg RTMP publisher of a synthetic stream (keyframe every second); returns the Popen."""
    args = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
            "-f", "lavfi", "-i", "testsrc=size=%s:rate=%d:duration=%d" % (size, fps, seconds),
            "-f", "lavfi", "-i", "sine=frequency=440:duration=%d" % seconds,
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
            "-g", str(fps), "-b:v", "500k", "-c:a", "aac", "-b:a", "64k", "-f", "flv", url]
    return subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop(proc, timeout=10):
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


def probe(url, seconds=3, timeout=30):
    """ffprobe a few seconds of a stream; answers {'video': stream or None, 'audio': ...}."""
    args = ["timeout", str(timeout), "ffprobe", "-v", "error", "-rw_timeout", "10000000",
            "-read_intervals", "%%+%d" % seconds, "-show_streams", "-of", "json", url]
    out = subprocess.run(args, capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError("ffprobe %s failed (%d): %s" % (url, out.returncode, out.stderr[-1500:]))
    streams = json.loads(out.stdout).get("streams", [])
    return {"video": next((s for s in streams if s.get("codec_type") == "video"), None),
            "audio": next((s for s in streams if s.get("codec_type") == "audio"), None)}


def duration(url, timeout=60):
    out = subprocess.run(["timeout", str(timeout), "ffprobe", "-v", "error", "-show_entries", "format=duration",
                          "-of", "json", url], capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError("ffprobe %s failed: %s" % (url, out.stderr[-1500:]))
    return float(json.loads(out.stdout)["format"]["duration"])
