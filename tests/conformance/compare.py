"""Reduces a reply to what the differential test compares.

Compared: whether the id was echoed, opcode, rcode (extended bits included),
the flags QR AA TC RD RA CD AD, the question (letter case included), the OPT
record's presence and version, and the answer, authority and additional
sections each as a multiset of RRs with TTLs. Not compared: OPT payload size,
options and flags, section order, name compression. No reply is an outcome of
its own.
"""

import struct

import dns.exception
import dns.flags
import dns.message
import dns.rcode
import dns.rdataclass
import dns.rdatatype

FLAGS = ["QR", "AA", "TC", "RD", "RA", "CD", "AD"]


def _rr_keys(section):
    keys = []
    for rrset in section:
        for rdata in rrset:
            keys.append((
                rrset.name.to_text().lower(),
                dns.rdataclass.to_text(rrset.rdclass),
                dns.rdatatype.to_text(rrset.rdtype),
                rrset.ttl,
                rdata.to_digestable().hex(),
            ))
    return tuple(sorted(keys))


def outcome(query_wire, reply):
    """A hashable summary of `reply` (bytes or None) to the query `query_wire`."""
    if reply is None:
        return ("no reply",)
    if len(reply) < 12:
        return ("short reply", reply.hex())
    id_ok = len(query_wire) >= 2 and reply[:2] == query_wire[:2]
    (bits,) = struct.unpack("!H", reply[2:4])
    flags = tuple(f for f in FLAGS if bits & dns.flags.Flag[f])
    opcode = (bits >> 11) & 0xF
    try:
        msg = dns.message.from_wire(reply, one_rr_per_rrset=True)
    except (dns.exception.DNSException, ValueError, struct.error) as e:
        return ("unparseable", id_ok, opcode, bits & 0xF, flags, type(e).__name__)
    question = tuple(
        (q.name.to_text(), dns.rdataclass.to_text(q.rdclass), dns.rdatatype.to_text(q.rdtype))
        for q in msg.question
    )
    opt = None if msg.edns < 0 else ("OPT", "version", msg.edns)
    return (
        "reply",
        ("id echoed", id_ok),
        ("opcode", opcode),
        ("rcode", dns.rcode.to_text(msg.rcode())),
        ("flags", flags),
        ("question", question),
        ("opt", opt),
        ("answer", _rr_keys(msg.answer)),
        ("authority", _rr_keys(msg.authority)),
        ("additional", _rr_keys(msg.additional)),
    )


def describe(reply):
    """Human-readable reply for a mismatch report."""
    if reply is None:
        return "    (no reply)"
    try:
        text = dns.message.from_wire(reply, one_rr_per_rrset=True).to_text()
    except Exception as e:  # the report must not hide the bytes behind a parse error
        text = f"unparseable ({e!r}): {reply.hex()}"
    return "\n".join("    " + line for line in text.splitlines())


def differences(a, b):
    """Names of the compared fields where two outcomes differ."""
    if a[0] != b[0] or a[0] != "reply":
        return ["kind/header"] if a != b else []
    return [fa[0] for fa, fb in zip(a[1:], b[1:]) if fa != fb]
