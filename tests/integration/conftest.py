"""Shared fixtures for the integration tests (a real ffsandbox per test module)."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ffs_server import Server  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One real server per test module (fast); tests create their own members/rooms."""
    srv = Server(tmp_path_factory.mktemp("ffsandbox")).start()
    yield srv
    srv.stop()


@pytest.fixture
def fresh_server(tmp_path):
    """A real server of the test's own, for restart / kill / isolation tests."""
    srv = Server(tmp_path / "data").start()
    yield srv
    srv.stop()


@pytest.fixture
def make_server(tmp_path):
    """Factory for servers with extra flags: make_server("--sandbox-api")."""
    made = []

    def make(*args, env=None):
        srv = Server(tmp_path / ("data%d" % len(made)), extra_args=args, env=env).start()
        made.append(srv)
        return srv

    yield make
    for s in made:
        s.stop()
