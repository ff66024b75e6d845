"""What a group answers: the default decision, and flips through the control API.

A PUT that returned 200 must already show in the very next answer (no polling):
the controller takes a 200 to mean "served now".
"""

import dns.rcode
import dns.rdatatype
import pytest

from clients import dig, kdig
from flip_harness import (API, APP, MAIL, ZONE, addresses, decision, members, serial_gt,
                          soa_serial, POOLS)
from harness import query


def dig_addresses(port, name, rtype, tool=dig):
    r = tool("127.0.0.1", port, name, rtype)
    assert r.status == "NOERROR", r.text
    assert "aa" in r.flags, r.text
    return sorted(rd for (owner, _, _, t, rd) in r.records("ANSWER", rtype) if owner == name)


def dig_ttls(port, name, rtype):
    r = dig("127.0.0.1", port, name, rtype)
    return {ttl for (owner, ttl, _, t, _) in r.records("ANSWER", rtype) if owner == name}


@pytest.mark.parametrize("group", [APP, MAIL, API])
def test_default_decision_is_the_first_pool_with_all_members(auth, group):
    v4, v6 = POOLS[group]["primary"]
    for rtype, want in (("A", v4), ("AAAA", v6)):
        assert dig_addresses(auth.port, group, rtype) == sorted(want), rtype
        assert dig_addresses(auth.port, group, rtype, tool=kdig) == sorted(want), rtype
        for tcp in (False, True):
            rcode, got = addresses(auth.port, group, rtype, tcp=tcp)
            assert (rcode, got) == (dns.rcode.NOERROR, sorted(want)), (rtype, tcp)

    held = auth.control.decisions()
    assert set(held) == {APP, MAIL, API}
    assert held[group]["pool"] == "primary"
    assert sorted(held[group]["members"]) == sorted(v4 + v6)


def test_group_ttls_come_from_the_yaml(auth):
    assert dig_ttls(auth.port, APP, "A") == {30}
    assert dig_ttls(auth.port, MAIL, "AAAA") == {60}
    assert dig_ttls(auth.port, API, "A") == {30}, "the default group TTL is 30 s"


def test_flip_changes_the_answer_the_serial_and_the_decisions(auth):
    before = soa_serial(auth.port)
    assert auth.control.zone_serial() == before

    r = auth.control.put_decision(APP, decision("standby", 7))
    assert r.status == 200, r

    standby_v4, standby_v6 = POOLS[APP]["standby"]
    assert dig_addresses(auth.port, APP, "A") == sorted(standby_v4)
    assert dig_addresses(auth.port, APP, "AAAA") == sorted(standby_v6)
    via_www = dig("127.0.0.1", auth.port, "www.example.com.", "A")
    assert via_www.records("ANSWER", "CNAME") == [("www.example.com.", 300, "IN", "CNAME", APP)]
    assert sorted(rd for *_, rd in via_www.records("ANSWER", "A")) == sorted(standby_v4)

    after = soa_serial(auth.port)
    assert serial_gt(after, before), f"serial {before} -> {after} after a flip"
    assert auth.control.zone_serial() == after

    held = auth.control.decisions()
    assert held[APP]["pool"] == "standby"
    assert held[APP]["epoch"] == 7
    assert sorted(held[APP]["members"]) == sorted(members(APP, "standby"))
    assert held[MAIL]["pool"] == "primary", "other groups are not touched by a flip"
    assert dig_addresses(auth.port, MAIL, "A") == POOLS[MAIL]["primary"][0]

    # And back: the answer follows again, the serial keeps rising.
    r = auth.control.put_decision(APP, decision("primary", 8))
    assert r.status == 200, r
    assert dig_addresses(auth.port, APP, "A") == sorted(POOLS[APP]["primary"][0])
    via_www = dig("127.0.0.1", auth.port, "www.example.com.", "A")
    assert sorted(rd for *_, rd in via_www.records("ANSWER", "A")) == sorted(
        POOLS[APP]["primary"][0])
    assert serial_gt(soa_serial(auth.port), after)


def test_a_decision_may_serve_some_members_of_a_pool(auth):
    r = auth.control.put_decision(APP, decision("standby", 3, member_list=["198.51.100.11"]))
    assert r.status == 200, r
    assert addresses(auth.port, APP, "A") == (dns.rcode.NOERROR, ["198.51.100.11"])
    # No IPv6 member is served: AAAA is NODATA (RFC 2308), not an error.
    reply = query("127.0.0.1", auth.port, APP, "AAAA")
    assert reply.rcode() == dns.rcode.NOERROR
    assert not reply.answer
    assert [rrset.rdtype for rrset in reply.authority] == [dns.rdatatype.SOA]
    # Other data at the owner is untouched by the group.
    txt = query("127.0.0.1", auth.port, APP, "TXT")
    assert [rd.to_text() for rrset in txt.answer for rd in rrset] == ['"the web app"']


def test_mx_target_follows_the_mail_group(auth):
    def mail_additional():
        reply = query("127.0.0.1", auth.port, ZONE, "MX")
        assert reply.rcode() == dns.rcode.NOERROR
        assert [rd.to_text() for rrset in reply.answer for rd in rrset] == ["10 mail.example.com."]
        return sorted(rd.address for rrset in reply.additional
                      if rrset.name.to_text() == MAIL
                      and rrset.rdtype in (dns.rdatatype.A, dns.rdatatype.AAAA) for rd in rrset)

    extra = mail_additional()
    assert extra in ([], sorted(members(MAIL, "primary"))), extra

    r = auth.control.put_decision(MAIL, decision("dr", 1, group=MAIL))
    assert r.status == 200, r
    assert dig_addresses(auth.port, MAIL, "A") == ["203.0.113.25"]
    assert dig_addresses(auth.port, MAIL, "AAAA") == []
    # Additional data is optional, stale additional data is wrong.
    extra = mail_additional()
    assert extra in ([], ["203.0.113.25"]), f"MX additional section after the flip: {extra}"
