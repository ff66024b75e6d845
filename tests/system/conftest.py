import pytest

from harness import FlipdnsAuth


@pytest.fixture(scope="module")
def auth(tmp_path_factory):
    """One flipdns-auth on 127.0.0.1 and ::1 serving the test zones, per test module."""
    server = FlipdnsAuth(tmp_path_factory.mktemp("auth"))
    try:
        server.start_and_wait()
        yield server
    finally:
        status = server.stop()
        # A crash during the module must not hide behind a passing last test.
        assert status == 0, f"flipdns-auth did not exit 0 on SIGTERM: {server.describe()}"


@pytest.fixture
def fresh_auth(tmp_path):
    """A factory for flipdns-auth instances owned by one test (own zone copy)."""
    servers = []

    def make(**kw):
        server = FlipdnsAuth(tmp_path / f"auth{len(servers)}", **kw)
        servers.append(server)
        return server

    try:
        yield make
    finally:
        for server in servers:
            server.stop()
