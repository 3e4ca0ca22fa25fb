"""Proof that the suite catches deviations: a server breaks the contract on purpose (via the
sandbox API) and the relevant conformance tests, run as a subprocess, fail naming the clause."""
import os
import subprocess
import sys
import tempfile

import pytest

from client import http

SUITE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_suite(t, *selectors):
    report_dir = tempfile.mkdtemp(prefix="ffc-meta-")
    # Paths first: pytest finds the suite's conftest (and its options) from them.
    args = [sys.executable, "-m", "pytest"] + [os.path.join(SUITE, s) for s in selectors] + \
        ["-p", "no:cacheprovider", "-q", "-rf", "--api-url=" + t.api_url, "--rtmp-url=" + t.rtmp_url,
         "--app-key=" + t.app.app_key, "--app-secret=" + t.app.app_secret, "--report-dir=" + report_dir]
    out = subprocess.run(args, capture_output=True, text=True, cwd=os.path.dirname(SUITE), timeout=300)
    return out.returncode, out.stdout + out.stderr, report_dir


def set_fault(t, body):
    r = http("POST", t.api_url + "/_sandbox/chaos/faults", body=body)
    assert r.status == 201, r.raw


@pytest.mark.clause("meta: skip_active_live_prep is caught by the stream key table tests")
def test_skip_active_live_prep_is_caught(own):
    test = "test_stream_key_states.py::test_live_interrupt_resume_end"
    rc, out, _ = run_suite(own, test)
    assert rc == 0, "the scenario passes on the conforming server first:\n" + out[-3000:]
    set_fault(own, {"type": "deviation", "mode": "skip_active_live_prep"})
    try:
        rc, out, report_dir = run_suite(own, test)
    finally:
        http("DELETE", own.api_url + "/_sandbox/chaos/faults")
    assert rc == 1, out[-3000:]
    assert "CONTRACT DEVIATION [contract §4 stream key table" in out, out[-3000:]
    assert "ACTIVE_LIVE_PREP" in out
    with open(os.path.join(report_dir, "junit.xml")) as f:
        assert "contract §4 stream key table" in f.read()
    with open(os.path.join(report_dir, "index.html")) as f:
        assert "<svg" in f.read()


@pytest.mark.clause("meta: a wrong error code for a control is caught")
def test_wrong_error_code_is_caught(own):
    set_fault(own, {"type": "api_error", "method": "POST", "path": "/v2/apps/me/video-rooms/*/rtmp-broadcast/state/live",
                    "errorCode": "REQUEST_LOCKED"})
    try:
        rc, out, _ = run_suite(own, "test_broadcast_controls.py::test_controls_refused_without_ingest")
    finally:
        http("DELETE", own.api_url + "/_sandbox/chaos/faults")
    assert rc == 1, out[-3000:]
    assert "CONTRACT DEVIATION [contract §5 broadcast controls" in out, out[-3000:]
    assert "REQUEST_LOCKED" in out
