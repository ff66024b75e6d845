#!/usr/bin/python3
"""Churn under load: flipdns-auth answers at a fixed rate while its zone reloads
and its groups flip (issue #5).

  bench.py --churn [--rate 20000] [--seconds 20] [--reloads 20] [--flips 100]

flipdns-auth (one worker, CPU 0) serves a 10,000-name zone as YAML + master file
with a few failover groups; dnsperf (CPU 1) sends the benchmark's query mix plus
queries for the group names at a fixed rate, twice: once with nothing else going
on (baseline), once while a driver thread spreads the reloads (each after
changing a record, so the zone really is rebuilt) and flips (PUT
/v1/decisions, groups in turn, increasing epochs) evenly over the run and checks
each one in DNS. Fails (exit 1) on any SERVFAIL, on any rcode the mix cannot
produce, on more lost queries under churn than in the baseline, or on a reload
or flip that failed or did not show. See README.md, "Churn under load".
"""
import argparse
import json
import os
import pathlib
import re
import signal
import statistics
import subprocess
import sys
import threading
import time

import dns.message  # Debian's python3-dnspython (deploy/install-deps.sh)
import dns.query

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import machine_load  # noqa: E402
import reloadable  # noqa: E402
import yaml_zone  # noqa: E402

ORIGIN = "bench.example."
CHURN = f"churn.{ORIGIN}"  # the TXT record each reload changes
# The mix's answers are NOERROR (data, NODATA, referrals) and NXDOMAIN; anything
# else (SERVFAIL, REFUSED while a zone is swapped, ...) fails the run.
EXPECTED_RCODES = {"NOERROR", "NXDOMAIN"}


def groups(count):
    """{owner: pools}; gen_zone.py's names all end in -NUMBER, so grpN are free."""
    return {f"grp{i}": [("primary", [f"192.0.2.{10 + i}", f"2001:db8:f::{10 + i:x}"]),
                        ("standby", [f"198.51.100.{10 + i}", f"2001:db8:e::{10 + i:x}"])]
            for i in range(count)}


def churn_record(n):
    return f"{{ name: churn, type: TXT, value: '\"reload {n}\"' }}"


def write_queries(src, dst, owners):
    """The benchmark mix with, after every 9th query, one for a group (A, or AAAA
    one time in three) and, every 100th, the TXT record the reloads change."""
    out = []
    with open(src) as f:
        for i, line in enumerate(f, 1):
            out.append(line.rstrip("\n"))
            if i % 9 == 0:
                k = i // 9
                out.append(f"{owners[k % len(owners)]}.{ORIGIN} {'AAAA' if k % 3 == 2 else 'A'}")
            if i % 100 == 0:
                out.append(f"{CHURN} TXT")
    pathlib.Path(dst).write_text("\n".join(out) + "\n")
    return len(out)


# ---------------------------------------------------------------- dnsperf

def dnsperf(args, port, queries, seconds):
    cmd = ["taskset", "-c", "1", "dnsperf", "-s", "127.0.0.1", "-p", str(port), "-d",
           str(queries), "-l", str(seconds), "-Q", str(args.rate), "-q", str(args.outstanding),
           "-t", str(args.timeout)]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    if res.returncode != 0:
        raise RuntimeError(f"dnsperf failed: {res.stderr.strip()[-500:]}")
    text = res.stdout

    def num(pattern, cast=float):
        m = re.search(pattern, text)
        if not m:
            raise RuntimeError(f"dnsperf output without {pattern!r}:\n{text[-2000:]}")
        return cast(m.group(1))

    codes = re.search(r"Response codes:\s+(.*)", text)
    return {
        "sent": num(r"Queries sent:\s+(\d+)", int),
        "completed": num(r"Queries completed:\s+(\d+)", int),
        "lost": num(r"Queries lost:\s+(\d+)", int),
        "qps": num(r"Queries per second:\s+([\d.]+)"),
        "latency_avg_ms": num(r"Average Latency \(s\):\s+([\d.]+)") * 1000,
        "latency_max_ms": num(r"Average Latency \(s\):.*max ([\d.]+)") * 1000,
        "rcodes": {k: int(v) for k, v in re.findall(r"(\w+) (\d+) \(",
                                                    codes.group(1) if codes else "")},
    }


# ---------------------------------------------------------------- the driver

class Driver(threading.Thread):
    """Performs the reloads and flips at evenly spread times from `t0`, checking
    each in DNS; collects timings and failures."""

    def __init__(self, srv, yaml_path, owners, pools, args, t0):
        super().__init__(daemon=True)
        self.srv, self.yaml_path, self.owners, self.pools = srv, yaml_path, owners, pools
        self.args, self.t0 = args, t0
        self.reload_ms, self.flip_ms, self.errors = [], [], []
        self.epochs = dict.fromkeys(owners, 0)
        self.generation = 0
        self.finished_at = None

    def schedule(self):
        lo, hi = self.args.start_after, self.args.seconds - self.args.end_before
        span = hi - lo
        events = [(lo + (k + 0.5) * span / self.args.reloads, "reload", k)
                  for k in range(self.args.reloads)]
        events += [(lo + (j + 0.5) * span / self.args.flips, "flip", j)
                   for j in range(self.args.flips)]
        return sorted(events)

    def run(self):
        for at, kind, n in self.schedule():
            delay = self.t0 + at - time.monotonic()
            if delay > 0:
                time.sleep(delay)  # pacing the events, not waiting for a condition
            try:
                self.reload() if kind == "reload" else self.flip(n)
            except Exception as e:  # noqa: BLE001  (every failure is reported)
                self.errors.append(f"{kind} {n}: {e}")
        self.finished_at = time.monotonic() - self.t0

    def txt(self, name):
        reply = dns.query.udp(dns.message.make_query(name, "TXT"), "127.0.0.1", timeout=2,
                              port=self.srv.port)
        return [b"".join(rd.strings).decode() for rrset in reply.answer for rd in rrset]

    def addresses(self, name, rtype):
        reply = dns.query.udp(dns.message.make_query(name, rtype), "127.0.0.1", timeout=2,
                              port=self.srv.port)
        return sorted(rd.address for rrset in reply.answer for rd in rrset)

    def reload(self):
        old = churn_record(self.generation)
        self.generation += 1
        text = self.yaml_path.read_text()
        self.yaml_path.write_text(text.replace(old, churn_record(self.generation)))
        status, body, took = self.srv.control.reload()
        self.reload_ms.append(took * 1000)
        if status != 200 or not body.get("ok"):
            raise RuntimeError(f"POST /v1/reload: {status} {body}")
        seen = self.txt(CHURN)
        if seen != [f"reload {self.generation}"]:
            raise RuntimeError(f"after reload {self.generation}: {CHURN} TXT is {seen}")

    def flip(self, n):
        owner = self.owners[n % len(self.owners)]
        group = f"{owner}.{ORIGIN}"
        self.epochs[owner] += 1
        epoch = self.epochs[owner]
        pool, members = self.pools[owner][epoch % 2]  # epoch 1: standby, a change
        status, body, took = self.srv.control.put_decision(group, pool, members, epoch)
        self.flip_ms.append(took * 1000)
        if status != 200 or not body.get("changed"):
            raise RuntimeError(f"PUT {group} epoch {epoch}: {status} {body}")
        v4 = self.addresses(group, "A")
        if v4 != sorted(m for m in members if ":" not in m):
            raise RuntimeError(f"{group} A after epoch {epoch} ({pool}): {v4}")


# ---------------------------------------------------------------- one run

def metrics(srv):
    """Server-side counters from /metrics (a cross-check of dnsperf's view)."""
    status, text, _ = srv.control.request("GET", "/metrics")
    if status != 200:
        raise RuntimeError(f"GET /metrics: {status}")
    out = {}
    for m in re.finditer(r'^(flipdns_auth_(?:responses_total|queries_total|'
                         r'queries_unanswered_total|reloads_total|decisions_applied_total))'
                         r'(\{[^}]*\})? (\S+)$', text, re.M):
        out[m.group(1) + (m.group(2) or "")] = float(m.group(3))
    return out


def one_run(args, kind, rnd, zones_dir, queries, owners, pools):
    yaml_path = zones_dir / f"{ORIGIN}yaml"
    # Every run starts from the same zone text and no decisions.
    text = re.sub(r"reload \d+", "reload 0", yaml_path.read_text())
    yaml_path.write_text(text)
    srv = reloadable.FlipdnsYaml(pathlib.Path(args.out) / "churn" / "servers", zones_dir, ORIGIN,
                                 args.port, 1, binary=args.flipdns)
    srv.prepare()
    pid = srv.start(cpus="0")
    rec = {"run": kind, "round": rnd, "rate": args.rate, "seconds": args.seconds,
           "names": args.names, "loadavg": os.getloadavg()[0]}
    try:
        if reloadable.wait_answer(srv.port, CHURN, "TXT", 60, proc=srv.proc) is None:
            raise RuntimeError(f"flipdns-auth did not answer; see {srv.dir / 'server.log'}")
        dnsperf(args, srv.port, queries, 1)  # warm-up, discarded
        mark = machine_load.cpu_mark()
        driver = None
        if kind == "churn":
            driver = Driver(srv, yaml_path, owners, pools, args, time.monotonic())
            driver.start()
        rec.update(dnsperf(args, srv.port, queries, args.seconds))
        rec["noise_pct"] = machine_load.noise(mark, pid)
        if driver is not None:
            driver.join(timeout=120)
            rec.update(reloads=len(driver.reload_ms), flips=len(driver.flip_ms),
                       reload_ms=driver.reload_ms, flip_ms=driver.flip_ms,
                       driver_errors=driver.errors, driver_done_s=driver.finished_at)
        rec["server_metrics"] = metrics(srv)
    finally:
        srv.stop()
    return rec


# ---------------------------------------------------------------- report

def fmt_row(cells, widths):
    return "  ".join(str(c).rjust(w) if i else str(c).ljust(w)
                     for i, (c, w) in enumerate(zip(cells, widths)))


def verdict(records):
    """(ok, reasons)."""
    reasons = []
    for r in records:
        bad = {k: v for k, v in r["rcodes"].items() if k not in EXPECTED_RCODES and v}
        if bad:
            reasons.append(f"{r['run']} round {r['round'] + 1}: unexpected rcodes {bad}")
        for e in r.get("driver_errors", []):
            reasons.append(f"{r['run']} round {r['round'] + 1}: {e}")
        if r["run"] != "churn":
            continue
        if r["reloads"] != r["want_reloads"] or r["flips"] != r["want_flips"]:
            reasons.append(f"churn round {r['round'] + 1}: {r['reloads']} reloads and "
                           f"{r['flips']} flips done, not {r['want_reloads']} and "
                           f"{r['want_flips']}")
        if r["driver_done_s"] is None or r["driver_done_s"] > r["seconds"]:
            reasons.append(f"churn round {r['round'] + 1}: the reloads and flips outlasted the "
                           f"{r['seconds']} s of load (done at {r['driver_done_s']} s)")
    rounds = sorted({r["round"] for r in records})
    for rnd in rounds:
        base = [r for r in records if r["round"] == rnd and r["run"] == "baseline"]
        churn = [r for r in records if r["round"] == rnd and r["run"] == "churn"]
        if base and churn and churn[0]["lost"] > base[0]["lost"]:
            reasons.append(f"round {rnd + 1}: churn lost {churn[0]['lost']} queries, "
                           f"baseline {base[0]['lost']}")
    return not reasons, reasons


def report(records, args, mix):
    print()
    print(f"== churn: {args.names:,} names + {args.groups} groups, flipdns-auth one worker on "
          f"CPU 0; dnsperf on CPU 1, -Q {args.rate} -q {args.outstanding} -t {args.timeout}, "
          f"{args.seconds} s per run, {mix:,} queries in the mix")
    widths = [9, 5, 8, 9, 5, 8, 7, 7, 9, 9, 8, 5, 7, 6, 6]
    print(fmt_row(["run", "round", "sent", "completed", "lost", "QPS", "lat ms", "max ms",
                   "NOERROR", "NXDOMAIN", "SERVFAIL", "other", "reloads", "flips", "noise"],
                  widths))
    for r in records:
        other = sum(v for k, v in r["rcodes"].items() if k not in ("NOERROR", "NXDOMAIN",
                                                                   "SERVFAIL"))
        print(fmt_row([r["run"], r["round"] + 1, f"{r['sent']:,}", f"{r['completed']:,}",
                       r["lost"], f"{r['qps']:,.0f}", f"{r['latency_avg_ms']:.3f}",
                       f"{r['latency_max_ms']:.1f}", f"{r['rcodes'].get('NOERROR', 0):,}",
                       f"{r['rcodes'].get('NXDOMAIN', 0):,}", r["rcodes"].get("SERVFAIL", 0),
                       other, r.get("reloads", "-"), r.get("flips", "-"),
                       f"{r['noise_pct']:.0f}%"], widths))
    med = statistics.median
    churn = [r for r in records if r["run"] == "churn"]
    rl = [x for r in churn for x in r["reload_ms"]]
    fl = [x for r in churn for x in r["flip_ms"]]
    if rl and fl:
        print(f"under load: POST /v1/reload median {med(rl):.1f} ms, max {max(rl):.1f} ms; "
              f"PUT /v1/decisions median {med(fl):.2f} ms, max {max(fl):.2f} ms; every reload "
              f"and flip checked in DNS right after it")


def main(argv=None):
    here = pathlib.Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(prog="bench.py --churn", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--flipdns", required=True, help="path to flipdns-auth")
    ap.add_argument("--names", type=int, default=10_000)
    ap.add_argument("--groups", type=int, default=4)
    ap.add_argument("--rate", type=int, default=20_000, help="dnsperf -Q")
    ap.add_argument("--outstanding", type=int, default=100, help="dnsperf -q")
    ap.add_argument("--timeout", type=int, default=2, help="dnsperf -t: a query is lost after")
    ap.add_argument("--seconds", type=int, default=20, help="length of each dnsperf run")
    ap.add_argument("--reloads", type=int, default=20)
    ap.add_argument("--flips", type=int, default=100)
    ap.add_argument("--start-after", type=float, default=1.0,
                    help="first churn this far into the run (s)")
    ap.add_argument("--end-before", type=float, default=2.0,
                    help="last churn done this long before the run ends (s)")
    ap.add_argument("--rounds", type=int, default=1, help="baseline + churn pairs")
    ap.add_argument("--port", type=int, default=0, help="default: a free port")
    ap.add_argument("--out", default=str(here / "out"))
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args.flipdns = os.path.abspath(args.flipdns)
    args.port = args.port or reloadable.free_udp_tcp_port()
    if args.seconds <= args.start_after + args.end_before:
        ap.error("--seconds must be longer than --start-after + --end-before")
    # The driver thread shares dnsperf's core, never the server's.
    if os.cpu_count() > 1:
        os.sched_setaffinity(0, {1})

    data = pathlib.Path(args.out) / "churn" / "data"
    gen = subprocess.run([sys.executable, str(here / "gen_zone.py"), str(data), "--names",
                          str(args.names), "--origin", ORIGIN],
                         check=True, capture_output=True, text=True)
    info = json.loads(gen.stdout)
    pools = groups(args.groups)
    owners = list(pools)
    zones_dir = data / "zones"
    yaml_zone.write(info["zone"], ORIGIN, zones_dir, pools, records=[churn_record(0)])
    queries = data / "queries-churn.txt"
    mix = write_queries(data / "queries.txt", queries, owners)
    print(f"churn: {info['names']:,} names, groups {', '.join(owners)}; {args.reloads} reloads "
          f"and {args.flips} flips in {args.seconds} s at {args.rate:,} QPS", flush=True)

    stamp = time.strftime("%Y%m%d-%H%M%S")
    results = pathlib.Path(args.out) / f"churn-{stamp}.jsonl"
    records = []
    for rnd in range(args.rounds):
        for kind in ("baseline", "churn"):
            rec = one_run(args, kind, rnd, zones_dir, queries, owners, pools)
            rec.update(want_reloads=args.reloads, want_flips=args.flips)
            records.append(rec)
            with open(results, "a") as f:
                f.write(json.dumps(rec) + "\n")
            print(f"  round {rnd + 1} {kind:8} sent {rec['sent']:,} lost {rec['lost']} "
                  f"rcodes {rec['rcodes']} (other load {rec['noise_pct']:.0f}% of a core)",
                  flush=True)
    report(records, args, mix)
    ok, reasons = verdict(records)
    print(f"\nchurn: {'PASS' if ok else 'FAIL'}: " + ("no SERVFAIL or other unexpected rcode, "
          "every reload and flip applied and seen, no more loss under churn than without"
          if ok else "; ".join(reasons)))
    print(f"churn: raw results in {results}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
