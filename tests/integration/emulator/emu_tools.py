"""Helpers for the ffemu integration tests: where ffemu is, and how to run it."""
import os
import shutil
import subprocess

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
FFEMU = os.environ.get("FFEMU") or shutil.which("ffemu") or next(
    (p for p in (os.path.join(REPO, d, "bin", "ffemu") for d in ("build", "build-py", "build-emu")) if os.path.exists(p)),
    os.path.join(REPO, "build", "bin", "ffemu"))


def ffemu(*args, timeout=60, env=None):
    """Runs ffemu to completion; returns (exit code, stdout, stderr)."""
    p = subprocess.run([FFEMU, *map(str, args)], capture_output=True, text=True, timeout=timeout, env=env)
    return p.returncode, p.stdout, p.stderr


def ffemu_bg(*args):
    return subprocess.Popen([FFEMU, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
