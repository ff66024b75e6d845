"""Reloading a zones directory kept in git: a broken commit changes nothing.

The zones directory is a real git checkout in a temporary folder; every change
is committed, as a server following a remote would see it.
"""

import json
import re
import signal

import dns.rcode
import pytest

from flip_harness import (APP, MAIL, POOLS, ZONE, addresses, decision, line_col_of, serial_gt,
                          soa_serial)
from harness import poll_until

RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
BROKEN_VALUE = "192.0.2.999"


def reload_by(method, auth):
    """Reloads through the API or SIGHUP; returns /v1/status once that reload is recorded."""
    before_at = auth.control.status()["last_reload"]["at"]
    if method == "api":
        r = auth.control.reload()
        body = r.json()
        assert set(body) >= {"ok", "error", "at"}, r
        # The reload's own result; /v1/status must agree with it.
        status = auth.control.status()
        assert {k: status["last_reload"][k] for k in ("ok", "error", "at")} == {
            k: body[k] for k in ("ok", "error", "at")}, (status["last_reload"], body)
        assert (r.status == 200) == body["ok"], r
        return status
    auth.send_signal(signal.SIGHUP)
    return poll_until(lambda: (s := auth.control.status())["last_reload"]["at"] != before_at and s,
                      10, what="the SIGHUP reload to show in /v1/status")


def log_records(auth):
    """The server's stderr, one JSON object per line (a line that is not JSON fails)."""
    return [json.loads(line) for line in auth.log_text().splitlines() if line.strip()]


def snapshot(auth):
    return {
        "app": addresses(auth.port, APP),
        "www": addresses(auth.port, "www.example.com.", "A", owner=APP),
        "static": addresses(auth.port, "static.example.com."),
        "broken": addresses(auth.port, "broken.example.com."),
        "serial": soa_serial(auth.port),
        "status_serials": {z["zone"]: z["serial"] for z in auth.control.status()["zones"]},
        "decisions": auth.control.decisions(),
    }


@pytest.mark.parametrize("method", ["api", "sighup"])
def test_broken_commit_is_refused_and_a_fixed_one_loads(start_auth, zone_repo, method):
    good = zone_repo.head()
    auth = start_auth(zone_dir=zone_repo.path)
    status = auth.control.status()
    assert status["commit"] == good
    assert status["last_reload"]["ok"] is True
    assert RFC3339.match(status["last_reload"]["at"]), status["last_reload"]
    assert auth.control.put_decision(APP, decision("standby", 5)).status == 200
    before = snapshot(auth)
    standby = (dns.rcode.NOERROR, sorted(POOLS[APP]["standby"][0]))
    assert before["app"] == before["www"] == standby
    assert before["static"] == (dns.rcode.NOERROR, ["203.0.113.1"])
    assert before["broken"][0] == dns.rcode.NXDOMAIN

    # One commit with a good change and a bad one: refused as a whole.
    zone_repo.edit("{ name: static, type: A, value: 203.0.113.1 }",
                   "{ name: static, type: A, value: 203.0.113.2 }")
    path = zone_repo.edit("  - { name: app, type: TXT",
                          f"  - {{ name: broken, type: A, value: {BROKEN_VALUE} }}\n"
                          "  - { name: app, type: TXT")
    bad_line, _ = line_col_of(path, BROKEN_VALUE)
    bad_text = path.read_text().splitlines()[bad_line - 1]
    broken = zone_repo.commit("a broken change")

    status = reload_by(method, auth)
    last = status["last_reload"]
    assert last["ok"] is False, last
    assert RFC3339.match(last["at"]), last
    m = re.search(rf"example\.com\.yaml:{bad_line}:(\d+)", last["error"] or "")
    assert m, f"error does not name example.com.yaml:{bad_line}:COLUMN: {last['error']!r}"
    assert 1 <= int(m.group(1)) <= len(bad_text), f"column {m.group(1)} is off the line"
    assert status["commit"] == good, "status reports the commit still served, not the broken one"
    assert snapshot(auth) == before, "a refused reload changed what is served"
    assert auth.alive()
    assert any(f"example.com.yaml:{bad_line}" in json.dumps(rec) for rec in log_records(auth)), (
        "the reload error is not in the log")

    # The fix loads; the decision of the group that still exists is kept.
    zone_repo.edit(BROKEN_VALUE, "192.0.2.99")
    fixed = zone_repo.commit("fix the broken change")
    assert fixed != broken
    status = reload_by(method, auth)
    assert status["last_reload"]["ok"] is True, status["last_reload"]
    assert status["last_reload"]["error"] is None
    assert status["commit"] == fixed
    after = snapshot(auth)
    assert after["static"] == (dns.rcode.NOERROR, ["203.0.113.2"])
    assert after["broken"] == (dns.rcode.NOERROR, ["192.0.2.99"])
    assert after["app"] == after["www"] == standby, "the decision was lost by the reload"
    assert (after["decisions"][APP]["pool"], after["decisions"][APP]["epoch"]) == ("standby", 5)
    assert serial_gt(after["serial"], before["serial"]), (before["serial"], after["serial"])
    assert after["status_serials"][ZONE] == after["serial"]


def test_reload_drops_decisions_of_removed_pools_and_keeps_the_rest(start_auth, zone_repo):
    auth = start_auth(zone_dir=zone_repo.path)
    assert auth.control.put_decision(MAIL, decision("dr", 3, group=MAIL)).status == 200
    assert auth.control.put_decision(APP, decision("standby", 4)).status == 200
    # The dr pool goes away: mail falls back to its first pool; app keeps its decision.
    zone_repo.edit("      - { name: dr, members: [203.0.113.25] }\n", "")
    zone_repo.commit("retire the dr site")
    r = auth.control.reload()
    assert r.status == 200 and r.json()["ok"] is True, r
    assert addresses(auth.port, MAIL) == (dns.rcode.NOERROR, ["192.0.2.25"])
    assert addresses(auth.port, APP) == (dns.rcode.NOERROR, sorted(POOLS[APP]["standby"][0]))
    held = auth.control.decisions()
    assert held[MAIL]["pool"] == "primary"
    assert held[APP]["pool"] == "standby"


def test_watch_reloads_on_change_and_refuses_a_broken_file(start_auth, zone_repo):
    auth = start_auth(zone_dir=zone_repo.path, extra_args=["--watch"])
    assert auth.control.put_decision(APP, decision("standby", 2)).status == 200
    standby = (dns.rcode.NOERROR, sorted(POOLS[APP]["standby"][0]))

    zone_repo.edit("{ name: static, type: A, value: 203.0.113.1 }",
                   "{ name: static, type: A, value: 203.0.113.3 }")
    poll_until(lambda: addresses(auth.port, "static.example.com.")[1] == ["203.0.113.3"], 10,
               what="--watch to load the changed file")
    assert addresses(auth.port, APP) == standby
    serial = soa_serial(auth.port)

    path = zone_repo.edit("{ name: static, type: A, value: 203.0.113.3 }",
                          f"{{ name: static, type: A, value: {BROKEN_VALUE} }}")
    bad_line, _ = line_col_of(path, BROKEN_VALUE)
    status = poll_until(lambda: (s := auth.control.status())["last_reload"]["ok"] is False and s,
                        10, what="--watch to refuse the broken file")
    assert f"example.com.yaml:{bad_line}:" in status["last_reload"]["error"]
    assert addresses(auth.port, "static.example.com.") == (dns.rcode.NOERROR, ["203.0.113.3"])
    assert addresses(auth.port, APP) == standby
    assert soa_serial(auth.port) == serial
