#!/usr/bin/python3
"""Generates the benchmark zone and the dnsperf query file that goes with it.

  gen_zone.py [--names N] [--queries Q] [--seed S] [--origin bench.example.] OUTDIR

writes OUTDIR/<origin>zone (RFC 1035 master file) and OUTDIR/queries.txt (dnsperf
format: "name type" per line), and prints a one-line JSON summary of the mix.

The zone holds N owner names besides the apex, in a mix like a SaaS company's:
  60% hosts with one or two A records        15% hosts with A and AAAA
  10% CNAMEs to a host                         4% mail hosts (A, and MX at the owner)
   5% TXT (verification and SPF strings)       5% delegations (2 NS + glue A)
   1% names below a wildcard "*.wN"
and the query file asks:
  75% existing A/AAAA (A at every host kind, AAAA at dual-stack hosts)
  10% NXDOMAIN (random labels that exist nowhere)
  10% NODATA (an existing name, a type it lacks)
   5% CNAME chases, MX, TXT and referrals (a name below a delegation)
"""
import argparse
import ipaddress
import json
import pathlib
import random
import string


def label(rng, lo=4, hi=12):
    return "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(rng.randint(lo, hi)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--names", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--origin", default="bench.example.")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    origin = args.origin if args.origin.endswith(".") else args.origin + "."
    out = pathlib.Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)

    v4 = ipaddress.IPv4Network("10.0.0.0/8")
    v6 = ipaddress.IPv6Network("2001:db8::/32")
    used = set()

    def fresh():
        while True:
            n = f"{label(rng)}-{len(used)}"
            if n not in used:
                used.add(n)
                return n

    kinds = {"a": [], "dual": [], "cname": [], "mail": [], "txt": [], "deleg": [], "wild": []}
    lines = [
        f"$ORIGIN {origin}",
        "$TTL 300",
        f"@ IN SOA ns1.{origin} hostmaster.{origin} 2024010101 3600 600 1209600 60",
        "@ NS ns1",
        "@ NS ns2",
        "@ MX 10 mx1",
        '@ TXT "v=spf1 mx -all"',
        "ns1 A 192.0.2.53",
        "ns2 A 198.51.100.53",
        "mx1 A 192.0.2.25",
    ]
    addr = 1
    n = args.names
    plan = ([("a", 0.60), ("dual", 0.15), ("cname", 0.10), ("mail", 0.04), ("txt", 0.05),
             ("deleg", 0.05), ("wild", 0.01)])
    for kind, share in plan:
        for _ in range(max(1, round(n * share))):
            name = fresh()
            kinds[kind].append(name)
            if kind in ("a", "dual", "mail"):
                for _ in range(rng.choice((1, 1, 1, 2))):
                    lines.append(f"{name} A {v4[addr]}")
                    addr += 1
            if kind == "dual":
                lines.append(f"{name} AAAA {v6[addr]}")
                addr += 1
            if kind == "mail":
                lines.append(f"{name} MX 10 {name}")
            if kind == "cname":
                target = rng.choice(kinds["a"]) if kinds["a"] else "ns1"
                lines.append(f"{name} CNAME {target}")
            if kind == "txt":
                token = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(43))
                lines.append(f'{name} TXT "site-verification={token}"')
            if kind == "deleg":
                lines.append(f"{name} NS ns1.{name}")
                lines.append(f"{name} NS ns2.{name}")
                lines.append(f"ns1.{name} A {v4[addr]}")
                lines.append(f"ns2.{name} A {v4[addr + 1]}")
                addr += 2
            if kind == "wild":
                lines.append(f"*.{name} A {v4[addr]}")
                addr += 1
    zone_path = out / f"{origin}zone"
    zone_path.write_text("\n".join(lines) + "\n")

    q = []
    hosts = kinds["a"] + kinds["dual"] + kinds["mail"]
    for _ in range(args.queries):
        r = rng.random()
        if r < 0.75:  # existing A / AAAA
            if rng.random() < 0.2:
                q.append(f"{rng.choice(kinds['dual'])}.{origin} AAAA")
            else:
                q.append(f"{rng.choice(hosts)}.{origin} A")
        elif r < 0.85:  # NXDOMAIN
            q.append(f"{label(rng, 6, 14)}.{origin} A")
        elif r < 0.95:  # NODATA
            kind = rng.random()
            if kind < 0.5:
                q.append(f"{rng.choice(kinds['a'])}.{origin} AAAA")
            elif kind < 0.8:
                q.append(f"{rng.choice(hosts)}.{origin} MX")
            else:
                q.append(f"{rng.choice(kinds['txt'])}.{origin} A")
        else:  # CNAME chase, MX, TXT, referral, wildcard
            kind = rng.random()
            if kind < 0.3:
                q.append(f"{rng.choice(kinds['cname'])}.{origin} A")
            elif kind < 0.5:
                q.append(f"{rng.choice(kinds['mail'])}.{origin} MX")
            elif kind < 0.7:
                q.append(f"{rng.choice(kinds['txt'])}.{origin} TXT")
            elif kind < 0.9:
                q.append(f"www.{rng.choice(kinds['deleg'])}.{origin} A")
            else:
                q.append(f"{label(rng)}.{rng.choice(kinds['wild'])}.{origin} A")
    (out / "queries.txt").write_text("\n".join(q) + "\n")
    print(json.dumps({"zone": str(zone_path), "origin": origin, "names": n,
                      "records": len(lines) - 2, "queries": len(q)}))


if __name__ == "__main__":
    main()
