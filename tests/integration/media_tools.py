"""Real publishers and players for integration tests: ffmpeg, GStreamer, rtmpdump, ffprobe."""
import json
import os
import shutil
import signal
import subprocess
import time


def ffmpeg_publish(url, seconds=60, size="640x360", fps=30, gop=None, audio=True, extra=()):
    """Starts an ffmpeg RTMP publisher of a synthetic stream; returns the Popen."""
    gop = gop or fps  # a keyframe every second
    args = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
            "-f", "lavfi", "-i", "testsrc=size=%s:rate=%d:duration=%d" % (size, fps, seconds)]
    if audio:
        args += ["-f", "lavfi", "-i", "sine=frequency=440:duration=%d" % seconds]
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
             "-g", str(gop), "-b:v", "600k"]
    if audio:
        args += ["-c:a", "aac", "-b:a", "64k"]
    args += list(extra) + ["-f", "flv", url]
    return subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def gst_publish(url, seconds=20):
    """GStreamer's rtmp2sink publisher (H.264 via x264enc, AAC via voaacenc)."""
    frames = seconds * 30
    pipeline = (
        "videotestsrc num-buffers=%d is-live=true ! video/x-raw,format=I420,width=640,height=360,framerate=30/1 ! "
        "x264enc tune=zerolatency key-int-max=30 bitrate=600 ! h264parse ! queue ! mux. "
        "audiotestsrc is-live=true num-buffers=%d ! audioconvert ! audioresample ! voaacenc bitrate=64000 ! "
        "aacparse ! queue ! mux. flvmux name=mux streamable=true ! rtmp2sink location=%s"
        % (frames, seconds * 43, url))
    return subprocess.Popen(["gst-launch-1.0", "-q"] + pipeline.split(), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop(proc, sig=signal.SIGINT, timeout=10):
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


def ffprobe(url, seconds=4, timeout=30):
    """Reads `seconds` of a live stream with ffprobe; returns {'streams': [...], 'packets': n, 'duration': s}."""
    args = ["timeout", str(timeout), "ffprobe", "-v", "error", "-rw_timeout", "10000000",
            "-read_intervals", "%%+%d" % seconds, "-show_streams", "-show_entries",
            "packet=pts_time,stream_index", "-of", "json", url]
    out = subprocess.run(args, capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError("ffprobe %s failed (%d): %s" % (url, out.returncode, out.stderr[-2000:]))
    data = json.loads(out.stdout)
    video = [s for s in data.get("streams", []) if s.get("codec_type") == "video"]
    vid_idx = video[0]["index"] if video else None
    times = [float(p["pts_time"]) for p in data.get("packets", [])
             if p.get("stream_index") == vid_idx and p.get("pts_time") not in (None, "N/A")]
    data["video"] = video[0] if video else None
    data["audio"] = next((s for s in data.get("streams", []) if s.get("codec_type") == "audio"), None)
    data["video_duration"] = (max(times) - min(times)) if times else 0.0
    data["video_packets"] = len(times)
    return data


def rtmpdump(url, seconds=5, out_path=None):
    """Plays a live RTMP stream with rtmpdump (librtmp) for `seconds`; returns the bytes of FLV received."""
    args = ["timeout", "-s", "INT", str(seconds), "rtmpdump", "--live", "-q", "-r", url, "-o", out_path or "-"]
    res = subprocess.run(args, capture_output=True)
    if out_path:
        with open(out_path, "rb") as f:
            return f.read()
    return res.stdout


def have(tool):
    return shutil.which(tool) is not None
