#!/usr/bin/python3
"""Scale: flipdns-auth, NSD, Knot DNS and gdnsd on a 1,000,000-name zone (issue #5).

  bench.py --scale [--names N] [--rounds R] [--servers ...]     (or run.sh --scale)

For each server, interleaved over the rounds (one worker, pinned to CPU 0): start
to first answer (a name from the last line of the master file), steady RSS and
PSS summed over the server's processes, then a reload with RSS sampled every
10 ms (peak RSS and PSS during it, its duration, RSS after it). flipdns-auth runs
twice: on YAML zones (the master file plus one failover group, --control,
--state-dir: as deployed) and on --zone-file alone (as bench.py runs it). In the
YAML run it also takes 100 flips through PUT /v1/decisions, each checked by a
DNS query. flip_bench (the in-process flip time) runs once, if built. See
README.md, "Scale: 1,000,000 names".
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time

import dns.message  # Debian's python3-dnspython (deploy/install-deps.sh)
import dns.query

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import machine_load  # noqa: E402
import reloadable  # noqa: E402
import yaml_zone  # noqa: E402

ORIGIN = "bench.example."
GROUP_OWNER = "flip"  # gen_zone.py's names all end in -NUMBER, so this one is free
GROUP = f"{GROUP_OWNER}.{ORIGIN}"
POOLS = [("primary", ["192.0.2.10"]), ("standby", ["198.51.100.10"])]
PEERS = ("nsd", "knot", "gdnsd")
MB = 1024


def make_servers(args, data, zone, zones_dir):
    work = pathlib.Path(args.out) / "scale" / "servers"
    made = []
    for name in args.servers:
        port = reloadable.free_udp_tcp_port()
        if name == "flipdns-auth":
            srv = reloadable.FlipdnsYaml(work, zones_dir, ORIGIN, port, 1, binary=args.flipdns)
        elif name == "flipdns-auth-zf":
            srv = reloadable.FlipdnsZoneFile(work, zone, ORIGIN, port, 1, binary=args.flipdns)
        elif name == "knot":
            srv = reloadable.KnotCtl(work, zone, ORIGIN, port, 1)
        elif name == "nsd":
            srv = reloadable.NsdCtl(work, zone, ORIGIN, port, 1, keys=data / "nsd-keys")
        elif name == "gdnsd":
            srv = reloadable.GdnsdCtl(work, zone, ORIGIN, port, 1)
        else:
            raise SystemExit(f"scale: unknown server {name}")
        if not srv.available():
            print(f"scale: skipping {name}: not available", file=sys.stderr)
            continue
        if name == "nsd":
            reloadable.NsdCtl.make_keys(data / "nsd-keys")
        made.append(srv)
    return made


def flips(srv, count):
    """count flips of GROUP with increasing epochs, alternating pools, each checked
    by a DNS query; returns HTTP round trips and PUT-to-answer times in ms."""
    http_ms, visible_ms, wrong = [], [], 0
    for epoch in range(1, count + 1):
        pool, members = POOLS[epoch % 2]  # epoch 1 -> standby: the first flip changes the answer
        t0 = time.perf_counter()
        status, body, took = srv.control.put_decision(GROUP, pool, members, epoch)
        if status != 200 or not body.get("changed"):
            raise RuntimeError(f"PUT decision epoch {epoch}: {status} {body}")
        reply = dns.query.udp(dns.message.make_query(GROUP, "A"), "127.0.0.1", timeout=2,
                              port=srv.port)
        seen = sorted(rd.address for rrset in reply.answer for rd in rrset if rd.rdtype == 1)
        visible_ms.append((time.perf_counter() - t0) * 1000)
        http_ms.append(took * 1000)
        if seen != members:
            wrong += 1
    return {"flips": count, "flip_http_ms": http_ms, "flip_visible_ms": visible_ms,
            "flip_wrong_answers": wrong}


def measure(args, srv, rnd, probe_name, probe_type):
    srv.prepare()
    rec = {"server": srv.name, "round": rnd, "names": args.names, "loadavg": os.getloadavg()[0]}
    mark = machine_load.cpu_mark()
    pid = srv.start(cpus="0")
    try:
        ready = reloadable.wait_answer(srv.port, probe_name, probe_type, args.start_timeout,
                                       proc=srv.proc)
        if ready is None:
            raise RuntimeError(f"{srv.name}: no answer for {probe_name} within "
                               f"{args.start_timeout} s; see {srv.dir / 'server.log'}")
        rec["start_s"] = ready
        rec["noise_pct_start"] = machine_load.noise(mark, pid)
        mem = reloadable.steady_memory(pid)
        pids = reloadable.tree(pid)
        rec.update(rss_kb=mem["Rss"], pss_kb=mem["Pss"], processes=len(pids),
                   load_hwm_kb=reloadable.hwm_kb(pids))
        if args.reload:
            reloadable.reset_hwm(pids)
            with reloadable.MemSampler(pid, interval=args.sample_ms / 1000) as s:
                rec["reload_s"] = srv.reload()
            # Before any query: flipdns-auth's worker lets go of the old zone set
            # only when it next handles a batch of queries.
            rec["rss_after_reload_idle_kb"] = reloadable.rss_statm_kb(reloadable.tree(pid))
            if reloadable.wait_answer(srv.port, probe_name, probe_type, 30, proc=srv.proc) is None:
                raise RuntimeError(f"{srv.name}: no answer after the reload")
            after = reloadable.steady_memory(pid)
            rec.update(reload_peak_rss_kb=max(s.peak_rss_kb, mem["Rss"],
                                              rec["rss_after_reload_idle_kb"]),
                       reload_peak_pss_kb=max(s.peak_pss_kb, mem["Pss"]),
                       reload_samples=s.samples, reload_max_processes=s.max_processes,
                       reload_hwm_kb=reloadable.hwm_kb(reloadable.tree(pid)),
                       rss_after_reload_kb=after["Rss"], pss_after_reload_kb=after["Pss"])
        if isinstance(srv, reloadable.FlipdnsYaml) and args.flips:
            rec.update(flips(srv, args.flips))
        rec["noise_pct"] = machine_load.noise(mark, pid)
    finally:
        srv.stop()
    return rec


def flip_bench(args):
    """flip_bench N [STATE_DIR] output, without and with persistence, or None."""
    exe = args.flip_bench
    if not exe or not os.access(exe, os.X_OK):
        return None
    out = {}
    state = pathlib.Path(args.out) / "scale" / "flip-bench-state"
    shutil.rmtree(state, ignore_errors=True)  # its epochs start at 1 again
    state.mkdir(parents=True)
    for key, extra in (("memory", []), ("persisted", [str(state)])):
        res = subprocess.run(["taskset", "-c", "0", exe, str(args.names), *extra],
                             capture_output=True, text=True, timeout=1800)
        if res.returncode != 0:
            raise RuntimeError(f"flip_bench: {res.stderr.strip()}")
        out[key] = {k: (float(v) if re.fullmatch(r"[\d.]+", v) else v)
                    for k, v in re.findall(r"(\w+)=(\S+)", res.stdout)}
    return out


def fmt_row(cells, widths):
    return "  ".join(str(c).rjust(w) if i else str(c).ljust(w)
                     for i, (c, w) in enumerate(zip(cells, widths)))


def ratios(m, peers):
    bs = min(peers, key=lambda n: peers[n]["start"])
    br = min(peers, key=lambda n: peers[n]["rss"])
    bp = min(peers, key=lambda n: peers[n]["pss"])
    return (f"load time {m['start'] / peers[bs]['start']:.2f}x of {bs} (target <= 1.00); "
            f"RSS {m['rss'] / peers[br]['rss']:.2f}x of {br}, "
            f"PSS {m['pss'] / peers[bp]['pss']:.2f}x of {bp} (target <= 1.50)")


def report(records, names, args, fb):
    med = statistics.median
    print()
    rounds = max(r["round"] for r in records) + 1
    print(f"== scale: {args.names:,} names, one worker on CPU 0, {rounds} rounds")
    widths = [15, 7, 6, 6, 7, 7, 8, 9, 9, 8, 8, 6]
    print(fmt_row(["", "start s", "", "", "RSS", "PSS", "load", "reload", "reload", "reload",
                   "RSS", ""], widths))
    print(fmt_row(["server", "med", "min", "max", "MB", "MB", "peak MB", "peak RSS", "peak PSS",
                   "s med", "after MB", "noise"], widths))
    summary = {}
    for n in names:
        rs = [r for r in records if r["server"] == n]
        if not rs:
            continue
        start = [r["start_s"] for r in rs]
        s = {"start": med(start), "rss": med([r["rss_kb"] for r in rs]) / MB,
             "pss": med([r["pss_kb"] for r in rs]) / MB}
        reload = [r for r in rs if "reload_s" in r]
        if reload:
            s.update(peak_rss=max(r["reload_peak_rss_kb"] for r in reload) / MB,
                     peak_pss=max(r["reload_peak_pss_kb"] for r in reload) / MB,
                     reload=med([r["reload_s"] for r in reload]),
                     after=med([r["rss_after_reload_kb"] for r in reload]) / MB)
        summary[n] = s
        print(fmt_row([n, f"{s['start']:.2f}", f"{min(start):.2f}", f"{max(start):.2f}",
                       f"{s['rss']:.0f}", f"{s['pss']:.0f}",
                       f"{med([r['load_hwm_kb'] for r in rs]) / MB:.0f}",
                       f"{s['peak_rss']:.0f}" if reload else "-",
                       f"{s['peak_pss']:.0f}" if reload else "-",
                       f"{s['reload']:.2f}" if reload else "-",
                       f"{s['after']:.0f}" if reload else "-",
                       f"{max(r['noise_pct'] for r in rs):.0f}%"], widths))
    peers = {n: s for n, s in summary.items() if n in PEERS}
    # The issue names NSD and Knot for this test; gdnsd, when it ran, is a peer too.
    for me in ("flipdns-auth", "flipdns-auth-zf"):
        if me not in summary or not peers:
            continue
        m = summary[me]
        print(f"{me} / best peer: {ratios(m, peers)}")
        named = {n: s for n, s in peers.items() if n in ("nsd", "knot")}
        if named and named != peers:
            print(f"{' ' * len(me)}   of NSD, Knot: {ratios(m, named)}")
        if "peak_rss" in m:
            print(f"{me} reload: peak RSS {m['peak_rss'] / m['rss']:.2f}x its steady RSS "
                  f"({m['peak_rss']:.0f} vs {m['rss']:.0f} MB), {m['after']:.0f} MB after; "
                  f"reload {m['reload']:.2f} s")
    fl = [r for r in records if "flip_http_ms" in r]
    if fl:
        http = sorted(x for r in fl for x in r["flip_http_ms"])
        vis = sorted(x for r in fl for x in r["flip_visible_ms"])
        wrong = sum(r["flip_wrong_answers"] for r in fl)
        print(f"flips in the {args.names:,}-name zone ({len(http)} PUT /v1/decisions over "
              f"{len(fl)} rounds, persisted): HTTP round trip median {med(http):.3f} ms, "
              f"max {max(http):.3f} ms; PUT to the new DNS answer median {med(vis):.3f} ms, "
              f"max {max(vis):.3f} ms; wrong answers after a flip: {wrong} (target <= 1 ms)")
    if fb:
        for key, v in fb.items():
            print(f"flip_bench {args.names} ({key}): flip median {v['flip_ms_median']:.3f} ms, "
                  f"max {v['flip_ms_max']:.3f} ms; load {v['load_ms'] / 1000:.1f} s")
    return summary


def main(argv=None):
    here = pathlib.Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(prog="bench.py --scale", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--flipdns", help="path to flipdns-auth")
    ap.add_argument("--flip-bench", help="path to flip_bench (default: beside flipdns-auth)")
    ap.add_argument("--servers", default="nsd,knot,gdnsd,flipdns-auth,flipdns-auth-zf")
    ap.add_argument("--names", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--flips", type=int, default=100, help="PUT /v1/decisions per round")
    ap.add_argument("--no-reload", dest="reload", action="store_false")
    ap.add_argument("--sample-ms", type=float, default=10, help="RSS sampling during reloads")
    ap.add_argument("--start-timeout", type=float, default=300)
    ap.add_argument("--out", default=str(here / "out"))
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.flipdns:  # servers run in their own directories
        args.flipdns = os.path.abspath(args.flipdns)
    if args.flipdns and not args.flip_bench:
        args.flip_bench = str(pathlib.Path(args.flipdns).parent / "flip_bench")
    args.servers = [s.strip() for s in args.servers.split(",") if s.strip()]
    if not args.flipdns:
        args.servers = [s for s in args.servers if not s.startswith("flipdns")]
    # This process samples memory and polls; keep it off the servers' core.
    if os.cpu_count() > 1:
        os.sched_setaffinity(0, set(range(1, os.cpu_count())))

    data = pathlib.Path(args.out) / "scale" / "data"
    t0 = time.monotonic()
    gen = subprocess.run([sys.executable, str(here / "gen_zone.py"), str(data), "--names",
                          str(args.names), "--queries", "1", "--origin", ORIGIN],
                         check=True, capture_output=True, text=True)
    info = json.loads(gen.stdout)
    zones_dir = data / "zones"
    yaml_zone.write(info["zone"], ORIGIN, zones_dir, {GROUP_OWNER: POOLS})
    probe_name, probe_type = yaml_zone.last_owner(info["zone"], ORIGIN)
    pool = make_servers(args, data, info["zone"], zones_dir)
    names = [s.name for s in pool]
    print(f"scale: {info['names']:,} names ({info['records']:,} records) generated in "
          f"{time.monotonic() - t0:.0f} s; probe {probe_name} {probe_type}; "
          f"servers {', '.join(names)}", flush=True)

    stamp = time.strftime("%Y%m%d-%H%M%S")
    results = pathlib.Path(args.out) / f"scale-{stamp}.jsonl"
    records = []
    for rnd in range(args.rounds):
        order = pool[rnd % len(pool):] + pool[:rnd % len(pool)]
        for srv in order:
            rec = measure(args, srv, rnd, probe_name, probe_type)
            records.append(rec)
            with open(results, "a") as f:
                f.write(json.dumps(rec) + "\n")
            extra = ""
            if "reload_s" in rec:
                extra = (f" reload {rec['reload_s']:.2f} s peak RSS "
                         f"{rec['reload_peak_rss_kb'] / MB:.0f} MB")
            if "flip_http_ms" in rec:
                extra += f" flips median {statistics.median(rec['flip_http_ms']):.3f} ms"
            print(f"  round {rnd + 1} {srv.name:15} start {rec['start_s']:6.2f} s RSS "
                  f"{rec['rss_kb'] / MB:5.0f} MB PSS {rec['pss_kb'] / MB:5.0f} MB{extra} "
                  f"(other load {rec['noise_pct']:.0f}% of a core)", flush=True)
    fb = flip_bench(args) if args.flipdns else None
    if fb:
        with open(results, "a") as f:
            f.write(json.dumps({"flip_bench": fb, "names": args.names}) + "\n")
    report(records, names, args, fb)
    bad = sum(r.get("flip_wrong_answers", 0) for r in records)
    print(f"\nscale: raw results in {results}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
