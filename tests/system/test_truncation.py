"""Answers too big for the client's UDP size: TC=1 over UDP, whole over TCP.

big.example.com. has 6 TXT records (about 700 bytes), huge.example.com. 14
(about 1600 bytes).
"""

import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import pytest

from clients import dig, kdig
from harness import tcp_exchange, udp_exchange

HOSTS = ["127.0.0.1", "::1"]


def ask(auth, host, qname, tcp=False, **kw):
    msg = dns.message.make_query(qname, "TXT", **kw)
    msg.flags = 0
    exchange = tcp_exchange if tcp else udp_exchange
    wire = exchange(host, auth.port, msg.to_wire(), 2.0)
    assert wire is not None, "no reply"
    return wire, dns.message.from_wire(wire)


def txt_count(reply):
    return sum(len(rrset) for rrset in reply.answer if rrset.rdtype == dns.rdatatype.TXT)


@pytest.mark.parametrize("host", HOSTS)
def test_udp_without_edns_is_truncated_to_512(auth, host):
    wire, reply = ask(auth, host, "big.example.com.", use_edns=False)
    assert len(wire) <= 512
    assert reply.flags & dns.flags.TC
    assert reply.rcode() == dns.rcode.NOERROR
    assert txt_count(reply) < 6


@pytest.mark.parametrize("host", HOSTS)
def test_tcp_gets_the_whole_rrset(auth, host):
    wire, reply = ask(auth, host, "big.example.com.", tcp=True, use_edns=False)
    assert not reply.flags & dns.flags.TC
    assert txt_count(reply) == 6
    wire, reply = ask(auth, host, "huge.example.com.", tcp=True, use_edns=0, payload=512)
    assert not reply.flags & dns.flags.TC
    assert txt_count(reply) == 14


@pytest.mark.parametrize("payload,fits", [(512, False), (1232, True), (4096, True)])
def test_edns_payload_is_honoured_for_big(auth, payload, fits):
    wire, reply = ask(auth, "127.0.0.1", "big.example.com.", use_edns=0, payload=payload)
    assert len(wire) <= payload
    assert bool(reply.flags & dns.flags.TC) != fits
    if fits:
        assert txt_count(reply) == 6
    else:
        assert txt_count(reply) < 6


@pytest.mark.parametrize("payload", [1232, 4096, 65535])
def test_udp_answers_stay_within_1232_bytes(auth, payload):
    """DNS Flag Day 2020: 1232 is advertised and is the most sent over UDP,
    whatever larger size the client offers (NSD and Knot do the same)."""
    wire, reply = ask(auth, "127.0.0.1", "huge.example.com.", use_edns=0, payload=payload)
    assert reply.payload == 1232
    assert len(wire) <= 1232
    assert reply.flags & dns.flags.TC
    assert txt_count(reply) < 14


def test_edns_payload_below_512_is_treated_as_512(auth):
    wire, reply = ask(auth, "127.0.0.1", "medium.example.com.", use_edns=0, payload=100)
    assert len(wire) > 100
    assert not reply.flags & dns.flags.TC, "RFC 6891: a payload below 512 means 512"
    assert txt_count(reply) == 2


def test_dig_sees_tc_and_retries_over_tcp(auth):
    truncated = dig("127.0.0.1", auth.port, "+noedns", "+ignore", "big.example.com.", "TXT")
    assert "tc" in truncated.flags
    whole = dig("127.0.0.1", auth.port, "+noedns", "big.example.com.", "TXT")
    assert "tc" not in whole.flags
    assert whole.transport == "TCP"
    assert len(whole.records(rtype="TXT")) == 6


def test_kdig_gets_huge_over_tcp_on_ipv6(auth):
    result = kdig("::1", auth.port, "+tcp", "huge.example.com.", "TXT")
    assert result.status == "NOERROR"
    assert "tc" not in result.flags
    assert len(result.records(rtype="TXT")) == 14
