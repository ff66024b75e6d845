"""Signals, reloads and bad zone files."""

import re
import signal

import dns.rcode
import dns.rdatatype
import pytest

from harness import FlipdnsAuth, poll_until, query, start_expecting_exit, wait_for_dns

SERIAL = 2024010101


def serial(server, zone="example.com."):
    reply = query("127.0.0.1", server.port, zone, "SOA", timeout=1.0)
    assert reply is not None, f"no reply: {server.describe()}"
    return reply.answer[0][0].serial


def addresses(server, name):
    reply = query("127.0.0.1", server.port, name, "A", timeout=1.0)
    assert reply is not None, f"no reply: {server.describe()}"
    return reply.rcode(), sorted(rd.address for rrset in reply.answer
                                 if rrset.rdtype == dns.rdatatype.A for rd in rrset)


def edit_zone(server, old, new, name="example.com.zone"):
    path = server.zone_dir / name
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))
    return path


def line_of(path, needle):
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_sighup_reloads_a_changed_zone(fresh_auth):
    server = fresh_auth().start_and_wait()
    assert serial(server) == SERIAL
    edit_zone(server, f"{SERIAL} ; serial", f"{SERIAL + 1} ; serial")
    edit_zone(server, "mail  300  IN A     192.0.2.25",
              "mail  300  IN A     192.0.2.25\nreloaded   IN A     192.0.2.77")
    edit_zone(server, "host       IN A     192.0.2.211", "host       IN A     192.0.2.99",
              name="sub.example.com.zone")
    server.send_signal(signal.SIGHUP)
    poll_until(lambda: serial(server) == SERIAL + 1, 10, what="the new serial")
    assert addresses(server, "reloaded.example.com.") == (dns.rcode.NOERROR, ["192.0.2.77"])
    assert addresses(server, "host.sub.example.com.") == (dns.rcode.NOERROR, ["192.0.2.99"])
    assert server.alive()


def test_failed_reload_keeps_the_old_zone_and_logs_why(fresh_auth):
    server = fresh_auth().start_and_wait()
    edit_zone(server, f"{SERIAL} ; serial", f"{SERIAL + 5} ; serial")
    path = edit_zone(server, "app   60   IN A     192.0.2.10", "app   60   IN A     192.0.2.999")
    bad_line = line_of(path, "192.0.2.999")
    server.send_signal(signal.SIGHUP)
    where = f"example.com.zone:{bad_line}"
    poll_until(lambda: where in server.log_text(), 10, what=f"a log line naming {where}")
    assert serial(server) == SERIAL
    assert addresses(server, "app.example.com.") == (dns.rcode.NOERROR,
                                                      ["192.0.2.10", "192.0.2.11"])
    assert server.alive()

    # Fixing the file and reloading again works.
    edit_zone(server, "192.0.2.999", "192.0.2.12")
    server.send_signal(signal.SIGHUP)
    poll_until(lambda: serial(server) == SERIAL + 5, 10, what="the serial of the fixed zone")
    assert addresses(server, "app.example.com.") == (dns.rcode.NOERROR,
                                                      ["192.0.2.11", "192.0.2.12"])


BROKEN = [
    # (id, file, old text or None to append, new text, marker of the bad line).
    # Unless said otherwise, both nsd-checkzone and kzonecheck refuse each.
    ("bad-address", "example.com.zone", "mail  300  IN A     192.0.2.25",
     "mail  300  IN A     192.0.2.256", "192.0.2.256"),
    ("unknown-type", "example.com.zone", "sip        IN A     192.0.2.60",
     "sip        IN BOGUS 192.0.2.60", "BOGUS"),
    ("missing-rdata", "example.com.zone", "ns1        IN A     192.0.2.53",
     "ns1        IN A", "ns1        IN A"),
    ("bad-rfc3597-length", "example.com.zone", "\\# 4 0a000001", "\\# 5 0a000001", "\\# 5"),
    ("error-in-included-file", "example.com.inc", "host       IN A     192.0.2.151",
     "host       IN A     not-an-address", "not-an-address"),
    ("bad-ttl-directive", "sub.example.com.zone", "$TTL 600", "$TTL forever", "$TTL forever"),
    ("bad-record-ttl", "example.com.zone", "mail  300  IN A", "mail  12x  IN A", "12x"),
    ("unknown-directive", "example.com.zone", None, "$FOO bar", "$FOO"),
    ("unterminated-string", "example.com.zone", None, 'host2 IN TXT "abc', '"abc'),
    ("unbalanced-parenthesis", "example.com.zone", None, 'host2 IN TXT ( "abc"', '( "abc"'),
    # Values too big for their field: Knot refuses them; NSD 4.6 accepts them and
    # serves something else than written, which is what must not happen.
    ("mx-preference-overflow", "example.com.zone", None, "host2 IN MX 70000 mail", "70000"),
    ("ttl-overflow", "example.com.zone", None, "host2 99999999999 IN A 192.0.2.1",
     "99999999999"),
]


@pytest.mark.parametrize("case", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_zone_at_start_exits_2_with_file_and_line(tmp_path, case):
    _, name, old, new, marker = case
    server = FlipdnsAuth(tmp_path, ipv6=False)
    path = server.zone_dir / name
    text = path.read_text()
    if old is None:
        path.write_text(text + new + "\n")
    else:
        assert old in text
        path.write_text(text.replace(old, new, 1))
    line = line_of(path, marker)
    # An unterminated string or parenthesis may be reported where the file ends.
    lines = [line, line + 1] if old is None else [line]
    status = start_expecting_exit(server)
    log = server.log_text()
    assert status == 2, f"exit status {status}, expected 2; stderr:\n{log}"
    assert any(re.search(rf"{re.escape(name)}:{n}\b", log) for n in lines), (
        f"stderr does not name {name}:{line}:\n{log}")


def test_cname_beside_other_data_is_refused_at_start(tmp_path):
    server = FlipdnsAuth(tmp_path, ipv6=False)
    path = server.zone_dir / "example.com.zone"
    path.write_text(path.read_text() + "www IN A 192.0.2.9\n")
    lines = [line_of(path, "www        IN CNAME app"), len(path.read_text().splitlines())]
    status = start_expecting_exit(server)
    log = server.log_text()
    assert status == 2, f"exit status {status}; stderr:\n{log}"
    assert any(f"example.com.zone:{n}" in log for n in lines), (
        f"stderr names neither line {lines}:\n{log}")


def test_missing_zone_file_exits_2(tmp_path):
    missing = tmp_path / "no-such.zone"
    server = FlipdnsAuth(tmp_path, ipv6=False, zones={"example.com.": missing})
    status = start_expecting_exit(server)
    assert status == 2, server.describe()
    assert "no-such.zone" in server.log_text()


def test_zone_without_soa_exits_2(tmp_path):
    path = tmp_path / "nosoa.zone"
    path.write_text("$ORIGIN example.com.\n$TTL 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n")
    server = FlipdnsAuth(tmp_path, ipv6=False, zones={"example.com.": path})
    status = start_expecting_exit(server)
    assert status == 2, server.describe()
    assert "nosoa.zone" in server.log_text()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_stops_cleanly_with_status_0(fresh_auth, sig):
    server = fresh_auth().start_and_wait()
    assert serial(server) == SERIAL
    server.send_signal(sig)
    assert server.wait(timeout=10) == 0, server.describe()


def test_stderr_is_json_lines(fresh_auth):
    server = fresh_auth().start_and_wait()
    serial(server)
    server.send_signal(signal.SIGHUP)
    wait_for_dns(server, "127.0.0.1", server.port)
    assert server.stop() == 0
    records = server.log_records()
    assert records, "nothing logged at all"
    assert all(isinstance(r, dict) for r in records)
