#!/usr/bin/python3
"""Runs wrk against an ffsandbox HTTP endpoint: one GET and one POST at 1, 16
and 64 connections, and prints requests/s and p99 latency as a table.

  bench_api.py --url http://127.0.0.1:8080 --basic KEY:SECRET
  FFS_BENCH_URL=... FFS_BENCH_BASIC=KEY:SECRET bench_api.py
  bench_api.py --spawn build-http/bench/http_bench_server   # the HTTP layer alone

Defaults target the real server's API (GET /v2/apps/me/members?page=0&pageSize=10,
POST /v2/apps/me/members/login); override with --get / --post / --post-body.
"""
import argparse
import base64
import os
import re
import subprocess
import sys
import tempfile


def parse_wrk(out):
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    lat = None
    if p99:
        v, unit = float(p99.group(1)), p99.group(2)
        lat = v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    return (float(rps.group(1)) if rps else None, lat, int(non2xx.group(1)) if non2xx else 0)


def run_wrk(url, conns, duration, headers, lua=None):
    cmd = ["wrk", "-t", str(min(2, conns)), "-c", str(conns), "-d", duration, "--latency"]
    for h in headers:
        cmd += ["-H", h]
    if lua:
        cmd += ["-s", lua]
    cmd.append(url)
    out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    return parse_wrk(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default=os.environ.get("FFS_BENCH_URL", "http://127.0.0.1:8080"))
    ap.add_argument("--basic", default=os.environ.get("FFS_BENCH_BASIC", ""), help="KEY:SECRET")
    ap.add_argument("--get", default="/v2/apps/me/members?page=0&pageSize=10")
    ap.add_argument("--post", default="/v2/apps/me/members/login")
    ap.add_argument("--post-body", default='{"appUserId":"bench1","appUserName":"Bench"}')
    ap.add_argument("--connections", default="1,16,64")
    ap.add_argument("--duration", default="5s")
    ap.add_argument("--spawn", help="start this http_bench_server binary and bench it")
    a = ap.parse_args()

    proc = None
    if a.spawn:
        proc = subprocess.Popen([a.spawn, "0", "2"], stdout=subprocess.PIPE, text=True)
        port = int(proc.stdout.readline().split()[1])
        a.url = f"http://127.0.0.1:{port}"
        a.get, a.post = "/v2/apps/me/ping", "/v2/apps/me/echo"
    headers = []
    if a.basic:
        headers.append("Authorization: Basic " + base64.b64encode(a.basic.encode()).decode())

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        body = a.post_body.replace("\\", "\\\\").replace('"', '\\"')
        f.write('wrk.method = "POST"\nwrk.body = "%s"\nwrk.headers["Content-Type"] = "application/json"\n' % body)
        lua = f.name
    try:
        print(f"# {a.url}  duration {a.duration} per cell")
        print(f"| request | conns | req/s | p99 ms | non-2xx |")
        print(f"|---|---:|---:|---:|---:|")
        for label, path, script in (("GET " + a.get, a.get, None), ("POST " + a.post, a.post, lua)):
            for c in (int(x) for x in a.connections.split(",")):
                rps, p99, bad = run_wrk(a.url + path, c, a.duration, headers, script)
                rps_s = f"{rps:,.0f}" if rps is not None else "n/a"
                p99_s = f"{p99:.2f}" if p99 is not None else "n/a"
                print(f"| {label} | {c} | {rps_s} | {p99_s} | {bad} |", flush=True)
    finally:
        os.unlink(lua)
        if proc:
            proc.terminate()
            proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
