"""The query corpus of the differential test.

Every case is a transport and the exact bytes to send, so all three servers see
identical packets. Randomness (letter case, query ids) comes from one seeded
generator: a failing case reproduces by its index and label.
"""

import os
import random
import struct
from dataclasses import dataclass

import dns.edns
import dns.flags
import dns.message
import dns.name
import dns.opcode
import dns.rdataclass
import dns.rdatatype
import dns.zone

from harness import TEST_ZONES, ZONES_DIR

SEED = 20240101

# Every owner name is asked for each of these; PTR is a type no name has.
OWNER_TYPES = ["A", "AAAA", "NS", "SOA", "MX", "TXT", "CNAME", "SRV", "CAA", "DS",
               "ANY", "TYPE65400", "PTR"]
# Names that are not owners (ENTs, wildcard matches, below cuts, NXDOMAIN).
EXTRA_TYPES = ["A", "AAAA", "NS", "SOA", "MX", "TXT", "CNAME", "DS", "ANY"]

EXTRA_NAMES = [
    # empty non-terminals
    "deep.example.com.", "c.deep.example.com.", "b.c.deep.example.com.",
    "ent.example.com.", "under.ent.example.com.", "wild.example.com.",
    "nowild.example.com.", "y.nowild.example.com.", "case.example.com.",
    "_tcp.example.com.", "wcname.example.com.",
    # wildcard matches (one and two labels deep), and one that must not match
    "foo.wild.example.com.", "a.b.wild.example.com.", "x.exists.wild.example.com.",
    "host.wcname.example.com.", "q.under.ent.example.com.", "foo.nowild.example.com.",
    "z.y.nowild.example.com.", "zz.a.b.c.deep.example.com.", "foo.star.sub.example.com.",
    "star.sub.example.com.",
    # NXDOMAIN
    "nothere.example.com.", "a.nothere.example.com.", "nothere.sub.example.com.",
    "chain4.example.com.", "x.app.example.com.", "x.www.example.com.",
    # at and below delegations
    "x.child.example.com.", "a.b.child.example.com.", "ns2.child.example.com.",
    "x.nods.example.com.", "a.b.nods.example.com.",
    # below a name that is also a zone cut served here
    "x.host.sub.example.com.",
    # outside every zone
    "example.org.", "com.", ".", "example.net.", "xexample.com.", "ample.com.",
]

# (name, type) pairs that get the transport, EDNS and flag variants.
VARIANT_QUERIES = [
    ("example.com.", "SOA"), ("example.com.", "NS"), ("example.com.", "MX"),
    ("app.example.com.", "A"), ("www.example.com.", "A"), ("chain1.example.com.", "AAAA"),
    ("out.example.com.", "A"), ("dangling.example.com.", "A"), ("loop1.example.com.", "A"),
    ("foo.wild.example.com.", "A"), ("foo.wild.example.com.", "MX"),
    ("host.wcname.example.com.", "A"), ("nothere.example.com.", "A"),
    ("deep.example.com.", "A"), ("x.child.example.com.", "A"), ("child.example.com.", "DS"),
    ("child.example.com.", "NS"), ("nods.example.com.", "DS"), ("x.nods.example.com.", "A"),
    ("host.sub.example.com.", "AAAA"), ("nothere.sub.example.com.", "A"),
    ("mixed.case.example.com.", "TXT"), ("unknown.example.com.", "TYPE65400"),
    ("_sip._tcp.example.com.", "SRV"), ("example.com.", "CAA"), ("example.org.", "A"),
    ("tosub.example.com.", "A"), ("back.sub.example.com.", "A"),
]

BIG_NAMES = ["medium.example.com.", "big.example.com.", "huge.example.com."]


@dataclass
class Case:
    label: str
    transport: str  # "udp" or "tcp"
    wire: bytes


def owner_names():
    """Every owner name in the test zones, read the way a master-file parser would."""
    names = set()
    cwd = os.getcwd()
    try:
        os.chdir(ZONES_DIR)  # $INCLUDE is relative to the zone directory
        for origin, filename in TEST_ZONES.items():
            zone = dns.zone.from_file(filename, origin, relativize=False, allow_include=True)
            names.update(n.to_text() for n in zone.nodes)
    finally:
        os.chdir(cwd)
    return sorted(names)


class Builder:
    def __init__(self, seed=SEED):
        self.rng = random.Random(seed)
        self.cases = []

    def mixcase(self, name):
        return "".join(c.upper() if self.rng.random() < 0.5 else c.lower() for c in name)

    def add(self, label, transport, wire):
        self.cases.append(Case(f"#{len(self.cases)} {transport} {label}", transport, wire))

    def query(self, qname, qtype, rdclass="IN", transport="udp", edns=0, payload=1232,
              do=False, flags=(), opcode=None, options=None, mixcase=False, note=""):
        name = self.mixcase(qname) if mixcase else qname
        msg = dns.message.make_query(
            name, qtype, rdclass, use_edns=edns, payload=payload, want_dnssec=do,
            options=options or [])
        msg.id = self.rng.randrange(65536)
        msg.flags = 0
        for flag in flags:
            msg.flags |= dns.flags.Flag[flag]
        if opcode is not None:
            msg.set_opcode(dns.opcode.from_text(opcode))
        desc = [name, rdclass, qtype]
        if edns is None or edns is False:
            desc.append("noedns")
        else:
            desc.append(f"edns{edns}/{payload}")
        if do:
            desc.append("DO")
        desc += list(flags)
        if opcode:
            desc.append(f"opcode={opcode}")
        if note:
            desc.append(note)
        self.add(" ".join(desc), transport, msg.to_wire())

    def raw(self, label, wire, transport="udp"):
        self.add(f"raw {label}", transport, wire)


def header(qid, flags=0, qd=1, an=0, ns=0, ar=0):
    return struct.pack("!HHHHHH", qid, flags, qd, an, ns, ar)


def qname_wire(name):
    return dns.name.from_text(name).to_wire()


def question(name="example.com.", qtype=6, qclass=1):
    return qname_wire(name) + struct.pack("!HH", qtype, qclass)


OPT_RR = b"\x00" + struct.pack("!HHIH", 41, 1232, 0, 0)


def add_malformed(b, transport):
    q = question()
    cases = {
        "empty packet": b"",
        "truncated header (5 bytes)": header(0x1111)[:5],
        "header only, qdcount 0": header(0x1112, qd=0),
        "header only, qdcount 1 (truncated question)": header(0x1113),
        "question without type/class": header(0x1114) + qname_wire("example.com."),
        "question with half a type": header(0x1115) + qname_wire("example.com.") + b"\x00",
        "unterminated name": header(0x1116) + b"\x07example\x03com",
        "label length past the end": header(0x1117) + b"\x3fexample\x00\x00\x06\x00\x01",
        "extended label type 0x40": header(0x1118) + b"\x41abc\x00\x00\x06\x00\x01",
        "compression pointer in question": header(0x1119) + b"\xc0\x0c\x00\x06\x00\x01",
        "compression pointer after a label": header(0x111A)
        + b"\x03www\xc0\x0c\x00\x01\x00\x01",
        "pointer loop": header(0x111B) + b"\xc0\x0c\x00\x01\x00\x01",
        "qdcount 2": header(0x111C, qd=2) + q + question("www.example.com.", 1),
        "qdcount 2, one present": header(0x111D, qd=2) + q,
        "trailing garbage": header(0x111E) + q + b"\xde\xad\xbe\xef",
        "one trailing byte": header(0x111F) + q + b"\x00",
        "ancount 1 without records": header(0x1120, an=1) + q,
        "nscount 1 without records": header(0x1121, ns=1) + q,
        "arcount 1, OPT truncated": header(0x1122, ar=1) + q + OPT_RR[:5],
        "arcount 2, two OPT": header(0x1123, ar=2) + q + OPT_RR + OPT_RR,
        "OPT with non-root owner": header(0x1124, ar=1) + q + b"\x01x" + OPT_RR,
        "OPT with rdlength past end": header(0x1125, ar=1) + q + OPT_RR[:-2] + b"\x00\x08",
        "OPT option truncated": header(0x1126, ar=1) + q + OPT_RR[:-2]
        + b"\x00\x04\x00\x0a\x00\x08",
        "name longer than 255": header(0x1127)
        + b"".join(b"\x3f" + b"a" * 63 for _ in range(4)) + b"\x00\x00\x01\x00\x01",
        "label of 64 bytes": header(0x1128) + b"\x40" + b"a" * 64 + b"\x00\x00\x01\x00\x01",
        "answer record in query": header(0x1129, an=1) + q
        + b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\xc0\x00\x02\x01",
        "garbage 12 bytes of 0xff": b"\xff" * 12,
        "random 40 bytes": bytes(b.rng.randrange(256) for _ in range(40)),
        "z bit set": header(0x112A, flags=0x0040) + q,
    }
    for label, wire in cases.items():
        b.raw(label, wire, transport)


def add_qr_set(b, transport):
    q = question("app.example.com.", 1)
    b.raw("QR=1 query", header(0x2221, flags=0x8000) + q, transport)
    b.raw("QR=1 AA=1 with answer", header(0x2222, flags=0x8400, an=1) + q
          + b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\xc0\x00\x02\x01", transport)
    b.raw("QR=1 NXDOMAIN", header(0x2223, flags=0x8403) + q, transport)
    b.raw("QR=1 malformed", header(0x2224, flags=0x8000) + b"\x3f", transport)


def build_corpus():
    b = Builder()

    # Every owner name x every relevant type, UDP with EDNS, mixed letter case.
    for name in owner_names():
        for qtype in OWNER_TYPES:
            b.query(name, qtype, mixcase=True)
    for name in EXTRA_NAMES:
        for qtype in EXTRA_TYPES:
            b.query(name, qtype, mixcase=True)

    # Transport, EDNS size, DO and header-flag variants.
    for name, qtype in VARIANT_QUERIES:
        b.query(name, qtype, edns=None)
        b.query(name, qtype, payload=512)
        b.query(name, qtype, payload=4096, do=True)
        b.query(name, qtype, transport="tcp")
        b.query(name, qtype, transport="tcp", edns=None, mixcase=True)
        b.query(name, qtype, flags=("RD",))
        b.query(name, qtype, flags=("CD",), mixcase=True)
        b.query(name, qtype, flags=("AD",))
        b.query(name, qtype, edns=1)

    # Responses larger than 512 and 1232 bytes: TC over UDP, whole over TCP.
    for name in BIG_NAMES:
        for qtype in ("TXT", "ANY"):
            b.query(name, qtype, edns=None)
            b.query(name, qtype, payload=256)
            b.query(name, qtype, payload=512)
            b.query(name, qtype, payload=1232)
            b.query(name, qtype, payload=4096)
            b.query(name, qtype, payload=65535, do=True)
            b.query(name, qtype, transport="tcp", edns=None)
            b.query(name, qtype, transport="tcp")

    # EDNS details: BADVERS, unknown options, versions with other rcodes.
    unknown_opt = [dns.edns.GenericOption(65001, b"\x01\x02\x03")]
    for name in ("example.com.", "nothere.example.com.", "example.org."):
        b.query(name, "A", edns=1)
        b.query(name, "A", edns=1, do=True, transport="tcp")
        b.query(name, "A", edns=255)
        b.query(name, "A", options=unknown_opt)
    b.query("app.example.com.", "A", options=[dns.edns.GenericOption(3, b"")], note="NSID")
    b.query("app.example.com.", "A", payload=0, note="payload 0")

    # CHAOS and other classes.
    for name in ("version.bind.", "id.server.", "hostname.bind.", "version.server.",
                 "authors.bind."):
        b.query(name, "TXT", rdclass="CH")
        b.query(name, "TXT", rdclass="CH", transport="tcp", edns=None)
    b.query("version.bind.", "A", rdclass="CH")
    b.query("version.bind.", "TXT", rdclass="IN")
    for rdclass in ("CH", "HS", "NONE", "ANY", "CLASS42"):
        b.query("example.com.", "SOA", rdclass=rdclass)
        b.query("app.example.com.", "A", rdclass=rdclass, edns=None)

    # Opcodes other than QUERY.
    for opcode in ("IQUERY", "STATUS", "3", "NOTIFY", "UPDATE", "6", "15"):
        b.query("example.com.", "SOA", opcode=opcode)
        b.query("example.com.", "SOA", opcode=opcode, edns=None, transport="tcp")

    # Meta and DNSSEC query types.
    for qtype in ("AXFR", "IXFR", "MAILA", "MAILB", "OPT", "TSIG", "TKEY", "RRSIG",
                  "NSEC", "DNSKEY", "TYPE0", "TYPE65535"):
        b.query("example.com.", qtype)
    b.query("example.com.", "AXFR", transport="tcp")
    b.query("sub.example.com.", "AXFR", transport="tcp", edns=None)

    for transport in ("udp", "tcp"):
        add_malformed(b, transport)
        add_qr_set(b, transport)
    return b.cases


if __name__ == "__main__":
    for case in build_corpus():
        print(case.label)
