"""Helpers for the CMAF end-to-end tests: members, publish URLs, HTTP fetches,
HLS/DASH manifest parsing and ffprobe of renditions served by the real server.

Only the standard library plus ffmpeg/ffprobe (Debian's /usr/bin/python3).
"""
import json
import os
import random
import re
import struct
import subprocess
import sys
import urllib.request
import uuid
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import media_tools as mt  # noqa: E402,F401  (re-exported for the tests)

MPD_NS = {"d": "urn:mpeg:dash:schema:mpd:2011"}


def new_member(server):
    uid = "c" + uuid.uuid4().hex[:12]
    server.ok("POST", "/v2/apps/me/members", {"appUserId": uid, "appUserName": "cmaf"})
    return uid, server.stream_key_of(uid)


def publish_url(key, mode=None):
    url = key["ingestUrl"] + "/" + key["streamKey"]
    return url + ("?mode=" + mode if mode else "")


def fetch(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read()


def fetch_text(url, timeout=10):
    return fetch(url, timeout).decode("utf-8")


def join(base, rel):
    return base.rsplit("/", 1)[0] + "/" + rel


# -- HLS -----------------------------------------------------------------------
def parse_master(text):
    """Answers [{'attrs': {...}, 'uri': ...}] for each EXT-X-STREAM-INF, and the EXT-X-MEDIA lines."""
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    assert lines[0] == "#EXTM3U", text
    variants, media = [], []
    for i, line in enumerate(lines):
        if line.startswith("#EXT-X-STREAM-INF:"):
            variants.append({"attrs": attrs(line.split(":", 1)[1]), "uri": lines[i + 1]})
        elif line.startswith("#EXT-X-MEDIA:"):
            media.append(attrs(line.split(":", 1)[1]))
    return variants, media


def attrs(s):
    return {m.group(1): m.group(2).strip('"') for m in re.finditer(r'([A-Z0-9-]+)=("[^"]*"|[^,]*)', s)}


def parse_media(text):
    """Answers {'target': s, 'sequence': n, 'segments': [{'uri','duration','discontinuity','map'}], 'tags': [...]}"""
    out = {"segments": [], "target": None, "sequence": 0, "disc_sequence": 0, "lines": text.splitlines()}
    pending = {"discontinuity": False, "map": None}
    current_map = None
    for line in out["lines"]:
        line = line.strip()
        if line.startswith("#EXT-X-TARGETDURATION:"):
            out["target"] = int(line.split(":")[1])
        elif line.startswith("#EXT-X-MEDIA-SEQUENCE:"):
            out["sequence"] = int(line.split(":")[1])
        elif line.startswith("#EXT-X-DISCONTINUITY-SEQUENCE:"):
            out["disc_sequence"] = int(line.split(":")[1])
        elif line == "#EXT-X-DISCONTINUITY":
            pending["discontinuity"] = True
        elif line.startswith("#EXT-X-MAP:"):
            current_map = attrs(line.split(":", 1)[1])["URI"]
        elif line.startswith("#EXTINF:"):
            pending["duration"] = float(line.split(":")[1].split(",")[0])
        elif line and not line.startswith("#"):
            out["segments"].append({"uri": line, "duration": pending.get("duration"), "map": current_map,
                                    "discontinuity": pending["discontinuity"]})
            pending = {"discontinuity": False}
    return out


def rendition_urls(master_url):
    variants, media = parse_master(fetch_text(master_url))
    return [join(master_url, v["uri"]) for v in variants], [join(master_url, m["URI"]) for m in media if "URI" in m]


# -- DASH ----------------------------------------------------------------------
def parse_mpd(text):
    root = ET.fromstring(text)
    reps = []
    for period in root.findall("d:Period", MPD_NS):
        for aset in period.findall("d:AdaptationSet", MPD_NS):
            for rep in aset.findall("d:Representation", MPD_NS):
                tmpl = rep.find("d:SegmentTemplate", MPD_NS)
                reps.append({"period": period.get("id"), "contentType": aset.get("contentType"),
                             "id": rep.get("id"), "bandwidth": int(rep.get("bandwidth")),
                             "width": int(rep.get("width") or 0), "height": int(rep.get("height") or 0),
                             "codecs": rep.get("codecs"), "init": tmpl.get("initialization"),
                             "media": tmpl.get("media")})
    return root, reps


# -- probing -------------------------------------------------------------------
def probe_json(url, entries, extra=(), timeout=40):
    args = ["timeout", str(timeout), "ffprobe", "-v", "error"] + list(extra) + \
           ["-show_entries", entries, "-of", "json", url]
    out = subprocess.run(args, capture_output=True, text=True)
    assert out.returncode == 0, "ffprobe %s: %s" % (url, out.stderr[-1500:])
    return json.loads(out.stdout)


def probe_segment(init_url, seg_url, tmp_path):
    """Concatenates init + segment (as a player does) and probes it: (stream, duration_s)."""
    path = os.path.join(str(tmp_path), "seg-%s.mp4" % uuid.uuid4().hex[:8])
    with open(path, "wb") as f:
        f.write(fetch(init_url))
        f.write(fetch(seg_url))
    data = probe_json(path, "stream=codec_name,codec_type,width,height:packet=pts_time,duration_time")
    st = data["streams"][0]
    pk = [p for p in data["packets"] if p.get("pts_time") not in (None, "N/A")]
    pts = sorted(float(p["pts_time"]) for p in pk)
    last = float(pk[-1].get("duration_time") or 0) if pk else 0.0
    frame = (pts[-1] - pts[0]) / max(1, len(pts) - 1) if len(pts) > 1 else last
    return st, (pts[-1] - pts[0] + frame) if pts else 0.0


def probe_playlist(url, seconds=4):
    """Reads a live HLS playlist over HTTP with ffprobe from the start of its window."""
    return probe_json(url, "stream=codec_name,codec_type,width,height:packet=pts_time,stream_index",
                      extra=["-live_start_index", "0", "-read_intervals", "%%+%d" % seconds])


# -- crafted FLV ---------------------------------------------------------------
def corrupt_flv(src, dst, seed=7):
    """Copies an FLV keeping its headers but replacing every H.264 NAL payload
    (after the NAL header byte) with random bytes: garbage NAL units as H.264."""
    rnd = random.Random(seed)
    data = open(src, "rb").read()
    out = bytearray(data[:13])
    pos = 13
    while pos + 11 <= len(data):
        ttype = data[pos] & 0x1f
        size = int.from_bytes(data[pos + 1:pos + 4], "big")
        body = bytearray(data[pos + 11:pos + 11 + size])
        if ttype == 9 and len(body) > 5 and (body[0] & 0x0f) == 7 and body[1] == 1:
            i = 5
            while i + 4 <= len(body):
                n = struct.unpack(">I", body[i:i + 4])[0]
                start, end = i + 5, min(len(body), i + 4 + n)
                body[start:end] = bytes(rnd.getrandbits(8) for _ in range(max(0, end - start)))
                i += 4 + n
        out += data[pos:pos + 11] + body + data[pos + 11 + size:pos + 15 + size]
        pos += 15 + size
    open(dst, "wb").write(bytes(out))


def ffmpeg_push_file(path, url, realtime=True):
    """Publishes an FLV file as it is (-c copy; paced in real time unless realtime=False) to an RTMP URL."""
    return subprocess.Popen(["ffmpeg", "-hide_banner", "-loglevel", "error"] + (["-re"] if realtime else []) + ["-i", path, "-c", "copy",
                             "-f", "flv", url], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
