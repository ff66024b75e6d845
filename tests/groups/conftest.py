"""Fixtures for the failover-group system tests.

The process and wire helpers are tests/system's (harness.py, clients.py); they
are imported from there, not copied.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "system"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from flip_harness import GroupAuth, ZoneRepo, copy_zones  # noqa: E402


@pytest.fixture
def servers(tmp_path):
    """Every flipdns-auth a test starts, stopped by PID when it ends (pass or fail).

    A server still meant to be running that had died, or that did not exit 0 on
    SIGTERM, fails the test: a crash must not hide behind passing assertions.
    Tests that stop a server themselves check its exit status.
    """
    started = []
    yield started
    bad = []
    for server in started:
        if server.proc is None or server.stopped:  # never started, or the test stopped it
            server.stop()
            continue
        was_alive = server.alive()
        status = server.stop()
        if not was_alive or status != 0:
            bad.append(server.describe())
    assert not bad, "flipdns-auth did not run until SIGTERM and exit 0:\n" + "\n".join(bad)


@pytest.fixture
def start_auth(tmp_path, servers):
    """Starts flipdns-auth on a copy of tests/groups/zones (or the given zone_dir)."""

    def start(zone_dir=None, name=None, **kw):
        name = name or f"auth{len(servers)}"
        zone_dir = zone_dir or copy_zones(tmp_path / f"{name}-zones")
        server = GroupAuth(tmp_path / name, zone_dir, **kw)
        servers.append(server)
        return server.start_and_wait()

    return start


@pytest.fixture
def auth(start_auth):
    return start_auth()


@pytest.fixture
def zone_repo(tmp_path):
    return ZoneRepo(tmp_path / "zones-git")
