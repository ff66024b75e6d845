"""--config YAML and the CHAOS identity."""

import re

import dns.rcode
import dns.rdataclass
import dns.rdatatype
import pytest

from clients import dig
from harness import TEST_ZONES, FlipdnsAuth, query, start_expecting_exit


def chaos(server, name, host="127.0.0.1", tcp=False):
    reply = query(host, server.port, name, "TXT", rdclass="CH", tcp=tcp)
    assert reply is not None, f"no reply: {server.describe()}"
    return reply


def txt_strings(reply):
    return [b"".join(rd.strings).decode() for rrset in reply.answer for rd in rrset]


@pytest.mark.parametrize("name", ["id.server.", "hostname.bind.", "version.bind."])
def test_chaos_is_refused_without_identity(auth, name):
    reply = chaos(auth, name)
    assert reply.rcode() == dns.rcode.REFUSED
    assert not reply.answer


def test_dig_id_server_refused_by_default(auth):
    assert dig("127.0.0.1", auth.port, "id.server", "CH", "TXT").status == "REFUSED"


@pytest.mark.parametrize("name", ["id.server.", "hostname.bind."])
def test_chaos_identity_when_configured(fresh_auth, name):
    server = fresh_auth(extra_args=["--identity", "ns-test-1"]).start_and_wait()
    for host in ("127.0.0.1", "::1"):
        for tcp in (False, True):
            reply = chaos(server, name, host, tcp)
            assert reply.rcode() == dns.rcode.NOERROR
            [rrset] = reply.answer
            assert rrset.rdclass == dns.rdataclass.CH and rrset.rdtype == dns.rdatatype.TXT
            assert rrset.name.to_text().lower() == name
            assert txt_strings(reply) == ["ns-test-1"]


def write_config(server, body):
    path = server.workdir / "flipdns-auth.yaml"
    path.write_text(body)
    return path


@pytest.mark.parametrize("zone_style", ["map", "list"])
def test_config_file_holds_the_same_settings(tmp_path, zone_style):
    # The zones sit beside the config file and are named relative to it.
    probe = FlipdnsAuth(tmp_path, ipv6=True)
    if zone_style == "map":
        zones = "zone-file:\n" + "".join(
            f"  {origin}: zones/{name}\n" for origin, name in TEST_ZONES.items())
    else:
        zones = "zone-file:\n" + "".join(
            f"  - {origin}=zones/{name}\n" for origin, name in TEST_ZONES.items())
    config = write_config(probe, (
        "# flipdns-auth test configuration\n"
        f"listen:\n  - 127.0.0.1:{probe.port}\n  - \"[::1]:{probe.port}\"\n"
        f"{zones}"
        "threads: 2\n"
        "identity: ns-from-yaml\n"
        "tcp-idle-timeout: 2s\n"
        "tcp-max-connections: 100\n"))
    server = FlipdnsAuth(tmp_path, port=probe.port, use_config=config)
    try:
        server.start_and_wait()
        for host in ("127.0.0.1", "::1"):
            reply = query(host, server.port, "host.sub.example.com.", "A")
            assert reply.rcode() == dns.rcode.NOERROR
            assert [rd.address for rd in reply.answer[0]] == ["192.0.2.211"]
        assert txt_strings(chaos(server, "id.server.")) == ["ns-from-yaml"]
    finally:
        assert server.stop() == 0, server.describe()


def test_config_file_with_unknown_key_exits_2_with_line(tmp_path):
    probe = FlipdnsAuth(tmp_path, ipv6=False)
    config = write_config(probe, (
        f"listen: [ \"127.0.0.1:{probe.port}\" ]\n"
        f"zone-file: {{ example.com.: zones/example.com.zone }}\n"
        "no-such-setting: 1\n"))
    server = FlipdnsAuth(tmp_path, port=probe.port, use_config=config)
    status = start_expecting_exit(server)
    assert status == 2, server.describe()
    assert re.search(r"flipdns-auth\.yaml:3\b", server.log_text()), server.log_text()
