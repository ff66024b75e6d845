#!/usr/bin/python3
"""Regenerates the committed seed corpora for the fuzz targets.

  /usr/bin/python3 tests/fuzz/gen_corpus.py

corpus/query/      DNS messages built with dnspython: every kind of name in
                   zones/ times the interesting types, EDNS variants, CHAOS,
                   other opcodes, and a handful of malformed messages.
corpus/zone_file/  master files: the fuzz zones themselves plus small files
                   exercising directives, RFC 3597 syntax and common errors.

File names are the SHA-1 of the content, as libFuzzer names its own finds, so
rerunning the script gives the same files. Files with any other name (regress-*,
known-ldns-leak-*) were added by hand for one finding each and are kept.
"""
import hashlib
import pathlib
import re
import struct

import dns.edns
import dns.flags
import dns.message
import dns.opcode
import dns.rdataclass
import dns.rdatatype

HERE = pathlib.Path(__file__).resolve().parent

NAMES = [
    "example.com.", "www.example.com.", "WwW.ExAmPlE.CoM.", "alias.example.com.",
    "chain1.example.com.", "out.example.com.", "loop1.example.com.", "tochild.example.com.",
    "x.wild.example.com.", "explicit.wild.example.com.", "a.b.cnamewild.example.com.",
    "q.deep.wild2.example.com.", "b.c.ent.example.com.", "a.b.c.ent.example.com.",
    "_sip._udp.example.com.", "caa.example.com.", "unknown.example.com.",
    "sub.example.com.", "host.sub.example.com.", "ns1.sub.example.com.",
    "child.example.com.", "www.child.example.com.", "any.child.example.com.",
    "x.wdel.example.com.", "*.wdel.example.com.",
    "big.example.com.", "huge.example.com.", "nothere.example.com.",
    "1.2.0.192.in-addr.arpa.", "example.org.", ".",
]
TYPES = ["A", "AAAA", "NS", "SOA", "CNAME", "MX", "TXT", "DS", "ANY", "SRV", "CAA",
         "PTR", "HINFO", "TYPE65280", "RRSIG", "DNSKEY", "AXFR", "IXFR"]


def query(name, rdtype, **kw):
    q = dns.message.make_query(name, rdtype, **kw)
    q.id = 0x1234
    return q.to_wire()


def query_seeds():
    seeds = []
    for name in NAMES:
        for t in ["A", "AAAA", "ANY", "DS", "MX"]:
            seeds.append(query(name, t, use_edns=False))
    for name in ("x.wdel.example.com.", "*.wdel.example.com."):
        seeds.append(query(name, "NS", use_edns=False))  # referrals at a wildcard delegation
    for t in TYPES:
        seeds.append(query("www.example.com.", t, use_edns=0, payload=1232))
        seeds.append(query("sub.example.com.", t, use_edns=0, payload=4096, want_dnssec=True))
    for payload in (0, 511, 512, 1232, 4096, 65535):
        seeds.append(query("big.example.com.", "A", use_edns=0, payload=payload))
        seeds.append(query("huge.example.com.", "TXT", use_edns=0, payload=payload))
    seeds.append(query("www.example.com.", "A", use_edns=1))  # BADVERS
    seeds.append(query("www.example.com.", "A", use_edns=0,
                       options=[dns.edns.GenericOption(dns.edns.NSID, b""),
                                dns.edns.GenericOption(65001, b"\x01\x02\x03"),
                                dns.edns.ECSOption("192.0.2.0", 24)]))
    seeds.append(query("www.example.com.", "A", use_edns=0,
                       options=[dns.edns.GenericOption(dns.edns.COOKIE, b"\x01" * 8)]))
    for name in ("version.bind.", "id.server.", "hostname.bind.", "version.server."):
        seeds.append(query(name, "TXT", rdclass="CH", use_edns=False))
    seeds.append(query("www.example.com.", "A", rdclass="ANY", use_edns=False))
    seeds.append(query("www.example.com.", "A", rdclass="HS", use_edns=False))
    for op in (dns.opcode.IQUERY, dns.opcode.STATUS, dns.opcode.NOTIFY, dns.opcode.UPDATE):
        q = dns.message.make_query("example.com.", "SOA")
        q.set_opcode(op)
        q.id = 0x1234
        seeds.append(q.to_wire())
    for flags in (dns.flags.QR, dns.flags.AD, dns.flags.CD, dns.flags.TC,
                  dns.flags.AA | dns.flags.RA):
        q = dns.message.make_query("www.example.com.", "A")
        q.flags |= flags
        q.id = 0x1234  # make_query picks a random id; the corpus must not change
        seeds.append(q.to_wire())

    base = query("www.example.com.", "A", use_edns=False)
    edns = query("www.example.com.", "A", use_edns=0, payload=1232)
    header = struct.pack("!HHHHHH", 0x1234, 0, 1, 0, 0, 0)
    seeds += [
        b"", b"\x12", b"\x12\x34", header[:11], header,            # short
        base[:-1], base[:-3], base + b"\x00",                       # truncated, trailing junk
        edns[:-2], edns + edns[12:],                                # OPT cut, section repeated
        struct.pack("!HHHHHH", 0x1234, 0, 2, 0, 0, 0) + base[12:] * 2,    # two questions
        struct.pack("!HHHHHH", 0x1234, 0, 0, 0, 0, 0),                     # no question
        struct.pack("!HHHHHH", 0x1234, 0, 1, 0, 0, 2) + edns[12:] + edns[-11:],  # two OPTs
        struct.pack("!HHHHHH", 0x1234, 0, 1, 1, 0, 0) + base[12:] + base[12:-4] +
        b"\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\xc0\x00\x02\x01",        # answer in a query
        header + b"\xc0\x0c\x00\x01\x00\x01",                      # pointer loop in question
        header + b"\xc0\x00\x00\x01\x00\x01",                      # pointer into header
        header + b"\x03www\xc0\x10\x00\x01\x00\x01",               # forward pointer
        header + b"\x40abc\x00\x00\x01\x00\x01",                    # extended label type
        header + (b"\x3f" + b"a" * 63) * 4 + b"\x00\x00\x01\x00\x01",  # 257-octet name
        header + b"\x07example\x03com\x00\x00\x29\x00\x01",         # question of type OPT
    ]
    return seeds


def zone_file_seeds():
    seeds = [p.read_bytes() for p in sorted((HERE / "zones").glob("*.zone"))]
    soa = b"@ 3600 IN SOA ns1 hostmaster 1 3600 600 1209600 60\n@ 3600 IN NS ns1\nns1 3600 IN A 192.0.2.53\n"
    seeds += [
        soa,
        b"$ORIGIN example.com.\n$TTL 60\n" + soa + b"www A 192.0.2.1\n",
        b"$TTL 1h\n" + soa + b"$INCLUDE inc.zone\n",
        b"$TTL 60\n" + soa + b"x TYPE65280 \\# 3 010203\ny CLASS1 TYPE1 \\# 4 c0000201\n",
        b"$TTL 60\n" + soa + b"big TXT ( \"a\" \"b\"\n  \"c\" ) ; comment\n",
        b"$TTL 60\n" + soa + b"*.w CNAME www\nwww CNAME *.w\n",
        b"$TTL 60\n" + soa + b"c CNAME x\nc A 192.0.2.1\n",                 # CNAME and other data
        b"$TTL 60\n" + soa + b"d NS ns.d\nns.d A 192.0.2.9\nx.d A 192.0.2.8\n",  # data below a cut
        b"$TTL 60\n" + soa + b"* NS ns1\nx.* A 192.0.2.9\n",                 # a wildcard owning NS
        b"$TTL 60\n" + soa + b"out.example.net. A 192.0.2.1\n",             # out of zone
        b"$TTL 60\n" + soa + b"@ SOA ns2 h 2 1 1 1 1\n",                     # two SOAs
        b"$TTL 60\nwww A 192.0.2.1\n",                                       # no SOA
        b"$TTL 60\n" + soa + b"bad A 300.1.1.1\n",
        b"$TTL 60\n" + soa + b"bad CH A 192.0.2.1\n",
        b"$TTL 60\n" + soa + b"e.\\046\\255x\\\\ A 192.0.2.1\n",
        b"$TTL 60\n" + soa + b"a." * 120 + b" A 192.0.2.1\n",
        b"$TTL\n$ORIGIN\n$INCLUDE\n$GENERATE 1-3 h$ A 192.0.2.$\n",
        b"$TTL 60\n" + soa + b"u \\# 0\nv TYPE0 \\# 0\nw TYPE41 \\# 0\n",
    ]
    return seeds


def write(dirname, seeds):
    d = HERE / "corpus" / dirname
    d.mkdir(parents=True, exist_ok=True)
    for old in d.iterdir():
        if re.fullmatch("[0-9a-f]{40}", old.name):
            old.unlink()
    unique = {hashlib.sha1(s).hexdigest(): s for s in seeds}
    for name, data in unique.items():
        (d / name).write_bytes(data)
    print(f"{d.relative_to(HERE.parent.parent)}: {len(unique)} seeds")


if __name__ == "__main__":
    write("query", query_seeds())
    write("zone_file", zone_file_seeds())
