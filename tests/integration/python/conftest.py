"""Fixtures for the Python-module tests: the built `ffsandbox` module and a
client for the real server that tests/integration/conftest.py starts.

The module comes from $FFSANDBOX_PYTHON, else {build}/python where {build} is
$FFSANDBOX_BUILD (default build/, the same build as the server binary), else
build-py/python. ffemu likewise from $FFEMU or {build}/bin/ffemu.
"""
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
REPO = os.path.dirname(REPO)
sys.path.insert(0, os.path.dirname(HERE))  # ffs_server


def _build_dir(name):
    return name if os.path.isabs(name) else os.path.join(REPO, name)


BUILD = _build_dir(os.environ.get("FFSANDBOX_BUILD", "build"))
MODULE_DIRS = [os.environ.get("FFSANDBOX_PYTHON"), os.path.join(BUILD, "python"), os.path.join(REPO, "build-py", "python")]
for d in MODULE_DIRS:
    if d and os.path.isdir(d) and any(f.startswith("ffsandbox") for f in os.listdir(d)):
        sys.path.insert(0, d)
        break

FFEMU = os.environ.get("FFEMU") or next(
    (p for p in (os.path.join(BUILD, "bin", "ffemu"), os.path.join(REPO, "build-py", "bin", "ffemu")) if os.path.exists(p)),
    None)
SCENARIOS = os.path.join(REPO, "fixtures", "scenarios")


@pytest.fixture(scope="session", autouse=True)
def _needs_server_binary():
    """Session scope: runs before the module-scoped server fixture starts one."""
    from ffs_server import BINARY
    if not os.path.exists(BINARY):
        pytest.skip("ffsandbox not built at " + BINARY)


@pytest.fixture(scope="session")
def ffs():
    try:
        import ffsandbox
    except ImportError as e:
        pytest.skip("the ffsandbox Python module is not built: %s" % e)
    return ffsandbox


@pytest.fixture
def client(ffs, server):
    return ffs.Client(server.http_base, server.app_key, server.app_secret)


@pytest.fixture
def uid():
    """A fresh appUserId (ASCII letters and digits only)."""
    import uuid
    return lambda prefix="u": prefix + uuid.uuid4().hex[:10]
