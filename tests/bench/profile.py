#!/usr/bin/env python3
"""Where each server's CPU goes while it answers dnsperf: a perf profile per server.

Each server runs as in bench.py's one-worker configuration (server on CPU 0,
dnsperf on CPU 1, 10,000-name zone). While dnsperf saturates it, `perf record -g`
samples the server's threads; the summary splits the samples into the paths a DNS
server's time can go to, from the inclusive (children) share of kernel symbols:

  send       sendmmsg/sendmsg/sendto, of which
    deliver  the loopback receive path run in the sender's softirq
    wake     waking the client that waits for the answer (sock_def_readable)
  receive    recvmmsg/recvmsg/recvfrom
  wait       epoll/poll/select
  user       the server's own code and libc

    tests/bench/profile.py --flipdns build/bin/flipdns-auth [--servers ...] [--seconds 5]

Needs perf (linux-perf) and root or perf_event_paranoid <= 1. Writes the raw
perf.data per server under tests/bench/out/profile/.
"""
import argparse
import json
import os
import pathlib
import re
import socket
import subprocess
import sys
import time

here = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(here))
import bench  # noqa: E402
import servers  # noqa: E402

# Inclusive kernel symbols that mark each path; the first present one is used.
PATHS = {
    "send": ["__sys_sendmmsg", "__sys_sendmsg", "__sys_sendto"],
    "deliver": ["handle_softirqs", "__do_softirq"],
    "wake": ["sock_def_readable"],
    "receive": ["do_recvmmsg", "__sys_recvmsg", "__sys_recvfrom"],
    "wait": ["do_epoll_wait", "do_sys_poll", "core_sys_select"],
}


def children_shares(data):
    """{symbol: inclusive %} for kernel symbols, and the user-space share."""
    out = subprocess.run(["perf", "report", "-i", str(data), "--children", "--sort", "sym",
                          "--stdio", "--percent-limit", "0.3"],
                         capture_output=True, text=True, check=True).stdout
    shares = {}
    for m in re.finditer(r"^\s+([\d.]+)%\s+([\d.]+)%\s+\[(k|\.)\]\s+(\S+)", out, re.M):
        shares.setdefault(m.group(4), float(m.group(1)))
    by_dso = subprocess.run(["perf", "report", "-i", str(data), "--no-children", "--sort", "dso",
                             "--stdio"], capture_output=True, text=True, check=True).stdout
    kernel = sum(float(m.group(1)) for m in
                 re.finditer(r"^\s+([\d.]+)%\s+\[kernel", by_dso, re.M))
    return shares, 100.0 - kernel


def top_user_symbols(data, n=6):
    out = subprocess.run(["perf", "report", "-i", str(data), "--no-children", "--sort",
                          "dso,sym", "--stdio"], capture_output=True, text=True, check=True).stdout
    rows = []
    for m in re.finditer(r"^\s+([\d.]+)%\s+(\S+)\s+\[\.\]\s+(.+)$", out, re.M):
        rows.append((float(m.group(1)), m.group(3).strip()[:60]))
    return rows[:n]


def profile(args, srv, queries, outdir):
    srv.workers = 1
    srv.prepare()
    pid = srv.start(cpus="0")
    try:
        if bench.probe(srv.port, f"ns1.{args.origin}", args.start_timeout) is None:
            raise RuntimeError(f"{srv.name} did not answer; see {srv.dir / 'server.log'}")
        bench.dnsperf(args, srv.port, queries, 1, "1")  # warm-up
        data = outdir / f"{srv.name}.perf.data"
        pids = ",".join(str(p) for p in bench.tree(pid))
        rec = subprocess.Popen(["perf", "record", "-q", "-g", "-o", str(data), "-p", pids,
                                "--", "sleep", str(args.seconds)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t0, _ = bench.cpu_seconds(pid)
        run = bench.dnsperf(args, srv.port, queries, args.seconds, "1")
        t1, _ = bench.cpu_seconds(pid)
        rec.wait(timeout=args.seconds + 60)
    finally:
        srv.stop()
    shares, user = children_shares(data)
    summary = {"server": srv.name, "us_per_query": (t1 - t0) * 1e6 / max(1, run["completed"]),
               "qps": run["qps"], "user_pct": user}
    for path, symbols in PATHS.items():
        summary[path + "_pct"] = next((shares[s] for s in symbols if s in shares), 0.0)
    summary["top_user"] = top_user_symbols(data)
    return summary


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--flipdns", help="path to flipdns-auth")
    ap.add_argument("--servers", default="gdnsd,nsd,knot,flipdns-auth")
    ap.add_argument("--names", type=int, default=10_000)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--outstanding", type=int, default=100)
    ap.add_argument("--start-timeout", type=float, default=120)
    ap.add_argument("--out", default=str(here / "out"))
    args = ap.parse_args()
    if args.flipdns:
        args.flipdns = os.path.abspath(args.flipdns)
    args.origin = "bench.example."
    out = pathlib.Path(args.out)
    outdir = out / "profile"
    outdir.mkdir(parents=True, exist_ok=True)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    gen = subprocess.run([sys.executable, str(here / "gen_zone.py"), str(out / "data"),
                          "--names", str(args.names), "--origin", args.origin],
                         check=True, capture_output=True, text=True)
    zone = json.loads(gen.stdout)["zone"]
    queries = out / "data" / "queries.txt"

    results = []
    for name in [s.strip() for s in args.servers.split(",") if s.strip()]:
        kw = {"binary": args.flipdns} if name == "flipdns-auth" else {}
        srv = servers.ALL[name](out / "servers", zone, args.origin, port, 1, **kw)
        if not srv.available():
            print(f"{name}: not installed, skipped", file=sys.stderr)
            continue
        results.append(profile(args, srv, queries, outdir))
        time.sleep(0.5)

    print(f"perf profile, one worker on CPU 0, dnsperf on CPU 1, {args.seconds} s, "
          f"{args.names:,} names; % of the server's CPU samples")
    cols = ["us/q", "send", "deliver", "wake", "receive", "wait", "user"]
    print(f"{'server':<14}" + "".join(f"{c:>9}" for c in cols))
    for r in results:
        print(f"{r['server']:<14}{r['us_per_query']:>9.2f}" +
              "".join(f"{r[c + '_pct']:>8.1f}%" for c in cols[1:]))
    for r in results:
        print(f"\n{r['server']}: top user-space symbols")
        for pct, sym in r["top_user"]:
            print(f"  {pct:5.2f}%  {sym}")
    with open(outdir / f"profile-{time.strftime('%Y%m%dT%H%M%S')}.json", "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
