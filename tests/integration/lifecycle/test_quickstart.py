"""docs/quickstart.md cannot rot: its ```sh blocks run, in order, in one bash against a real server."""
import os
import re
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lifecycle_helpers as lh  # noqa: E402
from ffs_server import REPO  # noqa: E402

PAGE = os.path.join(REPO, "docs", "quickstart.md")

pytestmark = pytest.mark.skipif(not all(lh.mt.have(t) for t in ("ffmpeg", "ffprobe", "curl", "jq")),
                                reason="ffmpeg, curl or jq missing")


def shell_blocks():
    return re.findall(r"^```sh\n(.*?)^```", open(PAGE).read(), re.S | re.M)


def test_quickstart_page_runs(fresh_server):
    blocks = shell_blocks()
    assert len(blocks) >= 7
    script = "set -euo pipefail\n" + "\n".join(blocks)
    env = dict(os.environ, API=fresh_server.http_base,
               AUTH="%s:%s" % (fresh_server.app_key, fresh_server.app_secret))
    # the page's ffmpeg runs up to 60 s; the script stops it after step 5
    out = subprocess.run(["timeout", "120", "bash", "-c", script], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    lines = out.stdout.strip().splitlines()
    assert "stream key ACTIVE" in lines
    assert "h264,1280,720" in lines  # step 5 played the broadcast
    assert float(lines[-1]) > 4.0   # step 6: the VOD holds the live time
