"""Decisions survive a restart with no controller, from the very first answer."""

import socket
import time

import dns.flags
import dns.message
import dns.rcode

from flip_harness import APP, MAIL, POOLS, addresses, decision, soa_serial

FIRST_ANSWER_DEADLINE = 15.0


def first_answer(server, name, rtype):
    """Polls with the query itself until the server answers; returns that first reply.

    Nothing else is sent before, and every attempt goes out from one socket, so
    a late reply to an earlier attempt is caught too: what is returned is the
    first answer the new process gave.
    """
    end = time.monotonic() + FIRST_ANSWER_DEADLINE
    attempts = 0
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(0.05)
        while time.monotonic() < end:
            assert server.alive(), f"server exited: {server.describe()}"
            attempts += 1
            msg = dns.message.make_query(name, rtype, use_edns=0)
            msg.flags &= ~dns.flags.RD
            s.sendto(msg.to_wire(), ("127.0.0.1", server.port))
            try:
                data, _ = s.recvfrom(65535)
            except (socket.timeout, ConnectionRefusedError):
                continue
            return dns.message.from_wire(data), attempts
    raise AssertionError(f"no answer in {FIRST_ANSWER_DEADLINE}s: {server.describe()}")


def answer_addresses(reply, name):
    return sorted(rd.address for rrset in reply.answer if rrset.name.to_text() == name
                  for rd in rrset)


def test_flipped_answer_is_the_first_answer_after_a_restart(start_auth, servers):
    auth = start_auth()
    assert auth.control.put_decision(APP, decision("standby", 42)).status == 200
    assert auth.control.put_decision(MAIL, decision("dr", 5, group=MAIL)).status == 200
    standby = sorted(POOLS[APP]["standby"][0])
    assert addresses(auth.port, APP) == (dns.rcode.NOERROR, standby)
    serial = soa_serial(auth.port)

    assert auth.stop() == 0, f"SIGTERM did not stop the server cleanly: {auth.describe()}"

    again = auth.restarted()  # same ports, zones dir, state dir; no controller anywhere
    servers.append(again)
    again.start()
    reply, attempts = first_answer(again, APP, "A")
    assert reply.rcode() == dns.rcode.NOERROR, reply
    assert answer_addresses(reply, APP) == standby, (
        f"first answer after the restart (attempt {attempts}) is not the persisted decision")

    assert addresses(again.port, MAIL) == (dns.rcode.NOERROR, ["203.0.113.25"])
    assert addresses(again.port, MAIL, "AAAA") == (dns.rcode.NOERROR, [])
    assert soa_serial(again.port) == serial, "same config and decisions, same serial"
    again.wait_control()
    held = again.control.decisions()
    assert (held[APP]["pool"], held[APP]["epoch"]) == ("standby", 42)
    assert (held[MAIL]["pool"], held[MAIL]["epoch"]) == ("dr", 5)
    # The epoch held survives too: an older one is still refused.
    assert again.control.put_decision(APP, decision("primary", 41)).status == 409
    assert addresses(again.port, APP) == (dns.rcode.NOERROR, standby)


def test_first_answer_after_restart_through_the_cname(start_auth, servers):
    auth = start_auth()
    assert auth.control.put_decision(APP, decision("standby", 3)).status == 200
    assert auth.stop() == 0
    again = auth.restarted()
    servers.append(again)
    again.start()
    reply, attempts = first_answer(again, "www.example.com.", "A")
    assert answer_addresses(reply, APP) == sorted(POOLS[APP]["standby"][0]), (
        f"first answer (attempt {attempts}) via www CNAME app")


def test_servers_with_the_same_config_and_decisions_agree_on_the_serial(start_auth, zone_repo,
                                                                         tmp_path):
    # Two servers, each with its own clone of the zones repository (as deployed).
    clones = []
    for name in ("clone-a", "clone-b"):
        dest = tmp_path / name
        zone_repo.git("clone", "-q", str(zone_repo.path), str(dest))
        clones.append(dest)
    a = start_auth(zone_dir=clones[0], name="a")
    b = start_auth(zone_dir=clones[1], name="b")
    assert soa_serial(a.port) == soa_serial(b.port)
    for server in (a, b):
        for body, group in ((decision("standby", 4), APP), (decision("dr", 9, group=MAIL), MAIL)):
            assert server.control.put_decision(group, body).status == 200
    assert soa_serial(a.port) == soa_serial(b.port)
    assert a.control.status()["commit"] == b.control.status()["commit"] == zone_repo.head()
