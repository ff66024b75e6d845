"""Answers over UDP and TCP, IPv4 and IPv6, checked with dnspython, dig and kdig."""

import dns.flags
import dns.rcode
import dns.rdatatype
import pytest

from clients import dig, kdig
from harness import query

HOSTS = ["127.0.0.1", "::1"]


def rdatas(section, rtype):
    return sorted(rd.to_text() for rrset in section if rrset.rdtype == rtype for rd in rrset)


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("tcp", [False, True], ids=["udp", "tcp"])
def test_positive_answer(auth, host, tcp):
    reply = query(host, auth.port, "app.example.com.", "A", tcp=tcp)
    assert reply is not None, "no reply"
    assert reply.rcode() == dns.rcode.NOERROR
    assert reply.flags & dns.flags.AA
    assert not reply.flags & dns.flags.RA
    assert rdatas(reply.answer, dns.rdatatype.A) == ["192.0.2.10", "192.0.2.11"]
    assert reply.answer[0].ttl == 60
    assert not reply.authority, "minimal responses: no NS in authority"
    assert reply.edns == 0


@pytest.mark.parametrize("host", HOSTS)
def test_cname_chain_is_followed_inside_the_zone(auth, host):
    reply = query(host, auth.port, "chain1.example.com.", "A")
    assert reply.rcode() == dns.rcode.NOERROR
    owners = [(rrset.name.to_text(), dns.rdatatype.to_text(rrset.rdtype)) for rrset in reply.answer]
    assert owners == [("chain1.example.com.", "CNAME"), ("chain2.example.com.", "CNAME"),
                      ("chain3.example.com.", "CNAME"), ("app.example.com.", "A")]


def test_cname_out_of_zone_is_not_chased(auth):
    reply = query("127.0.0.1", auth.port, "out.example.com.", "A")
    assert reply.rcode() == dns.rcode.NOERROR
    assert [rrset.rdtype for rrset in reply.answer] == [dns.rdatatype.CNAME]


@pytest.mark.parametrize("qname,zone,ttl", [
    ("nothere.example.com.", "example.com.", 300),
    ("nothere.sub.example.com.", "sub.example.com.", 120),
])
def test_nxdomain_carries_soa_with_negative_ttl(auth, qname, zone, ttl):
    reply = query("127.0.0.1", auth.port, qname, "A")
    assert reply.rcode() == dns.rcode.NXDOMAIN
    assert reply.flags & dns.flags.AA
    assert not reply.answer
    [soa] = reply.authority
    assert soa.rdtype == dns.rdatatype.SOA and soa.name.to_text() == zone
    assert soa.ttl == ttl, "negative TTL is min(SOA TTL, SOA MINIMUM)"


def test_nodata_carries_soa(auth):
    reply = query("127.0.0.1", auth.port, "app.example.com.", "MX")
    assert reply.rcode() == dns.rcode.NOERROR
    assert not reply.answer
    assert [rrset.rdtype for rrset in reply.authority] == [dns.rdatatype.SOA]


def test_question_case_is_preserved(auth):
    reply = query("127.0.0.1", auth.port, "ApP.ExAmPlE.cOm.", "A")
    assert reply.question[0].name.to_text() == "ApP.ExAmPlE.cOm."
    assert rdatas(reply.answer, dns.rdatatype.A) == ["192.0.2.10", "192.0.2.11"]


def test_wildcard_synthesises_the_query_name(auth):
    reply = query("127.0.0.1", auth.port, "anything.wild.example.com.", "A")
    assert reply.rcode() == dns.rcode.NOERROR
    [rrset] = reply.answer
    assert rrset.name.to_text() == "anything.wild.example.com."
    assert rdatas(reply.answer, dns.rdatatype.A) == ["192.0.2.100"]


def test_wildcard_does_not_cover_an_existing_name(auth):
    reply = query("127.0.0.1", auth.port, "exists.wild.example.com.", "TXT")
    assert reply.rcode() == dns.rcode.NOERROR
    assert not reply.answer, "exists.wild has no TXT; the wildcard's TXT must not apply"


def test_name_outside_every_zone_is_refused(auth):
    reply = query("127.0.0.1", auth.port, "example.org.", "A")
    assert reply.rcode() == dns.rcode.REFUSED
    assert not reply.flags & dns.flags.AA


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("transport", ["+notcp", "+tcp"])
def test_dig_sees_cname_and_address(auth, host, transport):
    result = dig(host, auth.port, transport, "www.example.com.", "A")
    assert result.status == "NOERROR"
    assert "aa" in result.flags and "ra" not in result.flags
    assert result.transport == ("TCP" if transport == "+tcp" else "UDP")
    assert [r[3] for r in result.records()] == ["CNAME", "A", "A"]
    assert result.records(rtype="CNAME")[0][4] == "app.example.com."
    assert sorted(r[4] for r in result.records(rtype="A")) == ["192.0.2.10", "192.0.2.11"]


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("transport", ["+notcp", "+tcp"])
def test_kdig_sees_aaaa(auth, host, transport):
    result = kdig(host, auth.port, transport, "host.sub.example.com.", "AAAA")
    assert result.status == "NOERROR"
    assert "aa" in result.flags
    assert result.transport == ("TCP" if transport == "+tcp" else "UDP")
    assert result.records() == [("host.sub.example.com.", 600, "IN", "AAAA", "2001:db8::211")]


def test_kdig_referral_has_ns_and_glue_without_aa(auth):
    result = kdig("127.0.0.1", auth.port, "www.child.example.com.", "A")
    assert result.status == "NOERROR"
    assert "aa" not in result.flags
    assert not result.records()
    assert sorted(r[4] for r in result.records("AUTHORITY", "NS")) == [
        "ns.example.net.", "ns1.child.example.com."]
    assert sorted((r[3], r[4]) for r in result.records("ADDITIONAL")) == [
        ("A", "192.0.2.200"), ("AAAA", "2001:db8::200")]


def test_dig_ds_is_answered_from_the_parent(auth):
    result = dig("127.0.0.1", auth.port, "child.example.com.", "DS")
    assert result.status == "NOERROR"
    assert "aa" in result.flags
    assert [r[3] for r in result.records()] == ["DS"]


def test_dig_unknown_type_rfc3597(auth):
    result = dig("127.0.0.1", auth.port, "unknown.example.com.", "TYPE65400")
    assert result.status == "NOERROR"
    assert [(r[3], r[4]) for r in result.records()] == [("TYPE65400", "\\# 4 0A000001")]


def test_dig_child_zone_served_by_same_process_is_authoritative(auth):
    result = dig("127.0.0.1", auth.port, "sub.example.com.", "SOA")
    assert result.status == "NOERROR"
    assert "aa" in result.flags
    assert result.records()[0][4].split()[2] == "7"


def test_dig_edns_version_1_gets_badvers(auth):
    result = dig("127.0.0.1", auth.port, "+edns=1", "+noednsnegotiation", "example.com.", "SOA")
    assert result.status == "BADVERS"
