#!/usr/bin/python3
"""Side-by-side benchmark of flipdns-auth, NSD, Knot DNS and gdnsd (issue #5).

Ranks servers by server CPU time per answered query, with QPS, loss and latency
beside it; see README.md in this folder. Normally started by run.sh.
"""
import argparse
import importlib
import json
import os
import pathlib
import random
import re
import resource
import signal
import socket
import statistics
import struct
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import machine_load  # noqa: E402
import servers  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- /proc

def tree(root_pid):
    """root_pid and all its descendants, from /proc/*/stat."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = open(f"/proc/{entry}/stat").read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root_pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def cpu_seconds(root_pid):
    """(utime+stime from stat, run time from schedstat), summed over every task of
    every process in the tree, in seconds."""
    ticks, ns = 0, 0
    for pid in tree(root_pid):
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                stat = open(f"/proc/{pid}/task/{tid}/stat").read()
                fields = stat.rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
                ns += int(open(f"/proc/{pid}/task/{tid}/schedstat").read().split()[0])
            except (OSError, IndexError, ValueError):
                continue
    return ticks / CLK_TCK, ns / 1e9


def rss_kb(root_pid):
    total_rss, total_pss = 0, 0
    for pid in tree(root_pid):
        try:
            for line in open(f"/proc/{pid}/smaps_rollup"):
                if line.startswith("Rss:"):
                    total_rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    total_pss += int(line.split()[1])
        except OSError:
            continue
    return total_rss, total_pss


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


# ---------------------------------------------------------------- DNS probe

def free_udp_tcp_port():
    """A loopback port free for both UDP and TCP: every server here binds both,
    and a port free for UDP alone once stopped NSD with "Address already in use"."""
    for _ in range(100):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.bind(("127.0.0.1", 0))
            port = u.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
                try:
                    t.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
    raise RuntimeError("no loopback port is free for both UDP and TCP")


def probe(port, qname, timeout, alive=None):
    """Polls with a UDP query until an answer comes or the deadline passes;
    returns the seconds it took, or None (at once when `alive()` turns false:
    a server that exited will not answer)."""
    wire = b"".join(bytes([len(l)]) + l.encode() for l in qname.rstrip(".").split(".")) + b"\0"
    start = time.monotonic()
    deadline = start + timeout
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(0.05)
        while time.monotonic() < deadline:
            if alive is not None and not alive():
                return None
            qid = random.randrange(65536)
            s.sendto(struct.pack("!HHHHHH", qid, 0, 1, 0, 0, 0) + wire + b"\0\1\0\1",
                     ("127.0.0.1", port))
            # Read until this query's answer or a quiet 50 ms: a server busy
            # loading answers earlier probes late, and reading one stale answer
            # per new query would never drain them.
            try:
                while True:
                    data, _ = s.recvfrom(4096)
                    if len(data) >= 12 and struct.unpack("!H", data[:2])[0] == qid:
                        return time.monotonic() - start
            except (socket.timeout, ConnectionRefusedError):
                pass
    return None


# ---------------------------------------------------------------- dnsperf

def dnsperf(args, port, queries, seconds, cpus, extra=(), verbose=False):
    cmd = ["dnsperf", "-s", "127.0.0.1", "-p", str(port), "-d", str(queries),
           "-l", str(seconds), "-q", str(args.outstanding), "-t", "2"] + list(extra)
    if verbose:
        cmd.append("-v")
    if cpus is not None:
        cmd = ["taskset", "-c", cpus] + cmd
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"dnsperf failed: {res.stderr.strip()[-500:]}")
    text = res.stdout

    def num(pattern, cast=float, default=None):
        m = re.search(pattern, text)
        return cast(m.group(1)) if m else default

    out = {
        "sent": num(r"Queries sent:\s+(\d+)", int),
        "completed": num(r"Queries completed:\s+(\d+)", int),
        "lost": num(r"Queries lost:\s+(\d+)", int),
        "qps": num(r"Queries per second:\s+([\d.]+)"),
        "latency_avg_ms": num(r"Average Latency \(s\):\s+([\d.]+)") * 1000,
        "response_size": num(r"response (\d+)", int),
        "rcodes": dict((k, int(v)) for k, v in re.findall(r"(\w+) (\d+) \(",
                                                          num(r"Response codes:\s+(.*)", str, ""))),
    }
    if verbose:
        lat = sorted(float(x) for x in re.findall(r"^> \S+ \S+ \S+ ([\d.]+)$", text, re.M))
        if lat:
            out["latency_mean_ms"] = statistics.fmean(lat) * 1000
            out["latency_p99_ms"] = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
            out["latency_p999_ms"] = lat[min(len(lat) - 1, int(len(lat) * 0.999))] * 1000
    return out


# ---------------------------------------------------------------- runs

def measure(args, srv, config, round_no, queries):
    """One server, one configuration, one round: start, warm up, measure, stop."""
    one = config == "one-worker"
    srv.workers = 1 if one else os.cpu_count()
    srv.prepare()
    pid = srv.start(cpus="0" if one else None)
    rec = {"server": srv.name, "config": config, "round": round_no,
           "loadavg": os.getloadavg()[0]}
    try:
        ready = probe(srv.port, f"ns1.{args.origin}", args.start_timeout,
                      alive=lambda: srv.proc.poll() is None)
        if ready is None:
            status = srv.proc.poll()
            why = (f"exited with status {status}" if status is not None
                   else f"did not answer within {args.start_timeout} s")
            raise RuntimeError(f"{srv.name} {why}; see {srv.dir / 'server.log'}")
        rec["start_to_first_answer_s"] = ready
        client_cpus = "1" if one else None
        client = [] if one else ["-T", str(os.cpu_count()), "-c", str(4 * os.cpu_count())]
        dnsperf(args, srv.port, queries, 1, client_cpus, client)  # warm-up, discarded
        t0, s0 = cpu_seconds(pid)
        b0, c0, w0 = machine_load.busy_seconds(), children_cpu(), time.monotonic()
        run = dnsperf(args, srv.port, queries, args.seconds, client_cpus, client)
        t1, s1 = cpu_seconds(pid)
        b1, c1, w1 = machine_load.busy_seconds(), children_cpu(), time.monotonic()
        rec.update(run)
        # Other engineers' work on this machine skews QPS far more than CPU per
        # query; what neither the server nor dnsperf used is recorded as noise.
        rec["client_cpu_s"] = c1 - c0
        rec["noise_pct"] = max(0.0, (b1 - b0) - (t1 - t0) - (c1 - c0)) * 100 / (w1 - w0)
        rec["cpu_s"] = t1 - t0
        rec["cpu_sched_s"] = s1 - s0
        rec["us_per_query"] = (t1 - t0) * 1e6 / max(1, run["completed"])
        rec["us_per_query_sched"] = (s1 - s0) * 1e6 / max(1, run["completed"])
        rec["rss_kb"], rec["pss_kb"] = rss_kb(pid)
        if args.rate > 0:
            fixed = dnsperf(args, srv.port, queries, args.latency_seconds, client_cpus,
                            client + ["-Q", str(args.rate)], verbose=True)
            rec["fixed_rate"] = {k: fixed.get(k) for k in
                                 ("qps", "lost", "latency_mean_ms", "latency_p99_ms",
                                  "latency_p999_ms")}
    finally:
        srv.stop()
    return rec


def fmt_row(cells, widths):
    return "  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))


def report(records, config, args):
    rows = [r for r in records if r["config"] == config]
    if not rows:
        return
    names = [n for n in args.servers if any(r["server"] == n for r in rows)]
    print()
    title = {"one-worker": "one worker: server on CPU 0, dnsperf on CPU 1",
             "all-cores": f"every core: {os.cpu_count()} workers per server, nothing pinned"}[config]
    rounds = max(r["round"] for r in rows) + 1
    print(f"== {title}; {rounds} rounds x {args.seconds} s, {args.names} names, "
          f"-q {args.outstanding}; latency at -Q {args.rate}")
    widths = [13, 8, 6, 6, 9, 8, 6, 8, 5, 8, 8, 9, 6, 7, 7, 6, 24]
    print(fmt_row(["", "CPU per", "query", "", "saturated", "dnsperf", "", "", "", "fixed", "rate",
                   "", "", "start", "PSS", "", ""], widths))
    print(fmt_row(["server", "us/q med", "min", "max", "QPS med", "us/q med", "lost", "lat ms",
                   "resp", "mean ms", "p99 ms", "p99.9 ms", "lost", "s", "MB", "noise",
                   "rcodes (share)"], widths))
    summary = {}
    for n in names:
        rs = [r for r in rows if r["server"] == n]
        us = [r["us_per_query"] for r in rs]
        fr = [r["fixed_rate"] for r in rs if "fixed_rate" in r]
        med = statistics.median
        total = sum(sum(r["rcodes"].values()) for r in rs) or 1
        codes = {}
        for r in rs:
            for k, v in r["rcodes"].items():
                codes[k] = codes.get(k, 0) + v
        code_txt = " ".join(f"{k} {100 * v / total:.1f}%" for k, v in sorted(codes.items()))
        summary[n] = {"us": med(us), "qps": med([r["qps"] for r in rs])}
        print(fmt_row([
            n, f"{med(us):.2f}", f"{min(us):.2f}", f"{max(us):.2f}",
            f"{med([r['qps'] for r in rs]):,.0f}",
            f"{med([r['client_cpu_s'] * 1e6 / max(1, r['completed']) for r in rs]):.2f}",
            sum(r["lost"] for r in rs),
            f"{med([r['latency_avg_ms'] for r in rs]):.3f}",
            rs[0]["response_size"],
            f"{med([f['latency_mean_ms'] for f in fr]):.3f}" if fr else "-",
            f"{med([f['latency_p99_ms'] for f in fr]):.3f}" if fr else "-",
            f"{med([f['latency_p999_ms'] for f in fr]):.3f}" if fr else "-",
            sum(f["lost"] for f in fr) if fr else "-",
            f"{med([r['start_to_first_answer_s'] for r in rs]):.2f}",
            f"{med([r['pss_kb'] for r in rs]) / 1024:.0f}",
            f"{max(r['noise_pct'] for r in rs):.0f}%",
            code_txt], widths))
    peers = {n: s for n, s in summary.items() if n != "flipdns-auth"}
    if "flipdns-auth" in summary and peers:
        me = summary["flipdns-auth"]
        best_cpu = min(peers, key=lambda n: peers[n]["us"])
        best_qps = max(peers, key=lambda n: peers[n]["qps"])
        print(f"flipdns-auth / best peer: CPU per query {me['us'] / peers[best_cpu]['us']:.2f}x "
              f"of {best_cpu} (target <= 0.80); QPS {me['qps'] / peers[best_qps]['qps']:.2f}x "
              f"of {best_qps} (target >= 1.00)")
    return summary


def main():
    # --scale and --churn are their own runs with their own options (scale.py,
    # churn.py); everything else on the command line goes to them.
    for mode in ("--scale", "--churn"):
        if mode in sys.argv[1:]:
            module = importlib.import_module(mode[2:])
            sys.exit(module.main([a for a in sys.argv[1:] if a != mode]))
    here = pathlib.Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", action="store_true",
                    help="the 1,000,000-name scale run instead (see --scale --help)")
    ap.add_argument("--churn", action="store_true",
                    help="the churn-under-load run instead (see --churn --help)")
    ap.add_argument("--flipdns", help="path to flipdns-auth (omit to bench the peers only)")
    ap.add_argument("--servers", default="nsd,knot,gdnsd,flipdns-auth")
    ap.add_argument("--config", choices=["one-worker", "all-cores", "both"], default="one-worker")
    ap.add_argument("--all-cores", action="store_true", help="same as --config both")
    ap.add_argument("--names", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=10, help="length of each saturation run")
    ap.add_argument("--outstanding", type=int, default=100, help="dnsperf -q")
    ap.add_argument("--rate", type=int, default=20_000, help="dnsperf -Q for latency; 0 skips")
    ap.add_argument("--latency-seconds", type=int, default=5)
    ap.add_argument("--port", type=int, default=0, help="default: a free port")
    ap.add_argument("--start-timeout", type=float, default=120)
    ap.add_argument("--max-noise", type=float, default=25,
                    help="repeat a run when other work used more than this %% of a core")
    ap.add_argument("--retries", type=int, default=3, help="repeats allowed per run for noise")
    ap.add_argument("--out", default=str(here / "out"))
    args = ap.parse_args()
    # SIGTERM (timeout, CI) unwinds like an exception, so every started server is
    # stopped by the `finally` in measure().
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.all_cores:
        args.config = "both"
    if args.flipdns:  # servers start in their own directories
        args.flipdns = os.path.abspath(args.flipdns)
    args.origin = "bench.example."
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    if not args.port:
        args.port = free_udp_tcp_port()

    gen = subprocess.run([sys.executable, str(here / "gen_zone.py"), str(out / "data"),
                          "--names", str(args.names), "--origin", args.origin],
                         check=True, capture_output=True, text=True)
    info = json.loads(gen.stdout)
    zone, queries = info["zone"], out / "data" / "queries.txt"

    wanted = [s.strip() for s in args.servers.split(",") if s.strip()]
    pool = []
    for name in wanted:
        cls = servers.ALL[name]
        kw = {"binary": args.flipdns} if name == "flipdns-auth" else {}
        srv = cls(out / "servers", zone, args.origin, args.port, 1, **kw)
        if srv.available():
            pool.append(srv)
        else:
            print(f"bench: skipping {name}: not available", file=sys.stderr)
    args.servers = [s.name for s in pool]
    configs = ["one-worker", "all-cores"] if args.config == "both" else [args.config]
    print(f"bench: {info['names']} names ({info['records']} records), {info['queries']} queries "
          f"in the mix; port {args.port}; servers {', '.join(args.servers)}", flush=True)

    records = []
    stamp = time.strftime("%Y%m%d-%H%M%S")
    results = out / f"results-{stamp}.jsonl"
    for config in configs:
        for rnd in range(args.rounds):
            order = pool[rnd % len(pool):] + pool[:rnd % len(pool)]  # interleave, rotate
            for srv in order:
                for attempt in range(args.retries + 1):
                    rec = measure(args, srv, config, rnd, queries)
                    rec["attempt"] = attempt
                    if rec["noise_pct"] <= args.max_noise or attempt == args.retries:
                        break
                    print(f"  {config} round {rnd + 1} {srv.name:13} other work used "
                          f"{rec['noise_pct']:.0f}% of a core: again", flush=True)
                    time.sleep(5)
                records.append(rec)
                with open(results, "a") as f:
                    f.write(json.dumps(rec) + "\n")
                print(f"  {config} round {rnd + 1} {srv.name:13} {rec['us_per_query']:6.2f} us/q "
                      f"(sched {rec['us_per_query_sched']:.2f}) {rec['qps']:>10,.0f} qps "
                      f"lost {rec['lost']} dnsperf cpu {rec['client_cpu_s']:.1f} s, "
                      f"other load {rec['noise_pct']:.0f}% of a core", flush=True)
    for config in configs:
        report(records, config, args)
    print(f"\nbench: raw results in {results}")


if __name__ == "__main__":
    main()
