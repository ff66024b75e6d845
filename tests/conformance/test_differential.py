"""Differential test: flipdns-auth against NSD and Knot DNS on the same zones.

Every case of the corpus goes to all three servers. Where NSD and Knot give the
same outcome (see compare.py), flipdns-auth must give it too. Where they
disagree the RFCs leave room, and the case is only counted.

Run alone against the peers (no flipdns-auth) to see where they disagree:
    /usr/bin/python3 tests/conformance/test_differential.py --peers-only
"""

import concurrent.futures
import sys
import tempfile
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "system"))

from compare import describe, differences, outcome  # noqa: E402
from corpus import build_corpus  # noqa: E402
from harness import (  # noqa: E402
    FlipdnsAuth,
    copy_zones,
    free_port,
    tcp_exchange,
    udp_exchange,
    wait_for_dns,
)
from peers import knot_server, nsd_server  # noqa: E402

TIMEOUT = 0.8
RETRY_TIMEOUT = 3.0
MIN_COMPARED = 300
HOST = "127.0.0.1"


def start_servers(workdir, with_flipdns=True):
    """Starts the servers on one shared copy of the zones; returns name -> (server, port)."""
    workdir = Path(workdir)
    zone_dir = copy_zones(workdir / "zones")
    servers = {}
    try:
        for name, make in (("nsd", nsd_server), ("knot", knot_server)):
            port = free_port(ipv6=False)
            servers[name] = (make(workdir / name, zone_dir, port).start(), port)
        if with_flipdns:
            flip = FlipdnsAuth(workdir / "flipdns", zone_dir=zone_dir, ipv6=False)
            servers["flipdns"] = (flip.start(), flip.port)
        for server, port in servers.values():
            wait_for_dns(server, HOST, port)
            wait_for_dns(server, HOST, port, "sub.example.com.")
    except BaseException:
        stop_servers(servers)
        raise
    return servers


def stop_servers(servers):
    return {name: server.stop() for name, (server, _) in servers.items()}


def ask_all(pool, servers, case):
    exchange = udp_exchange if case.transport == "udp" else tcp_exchange

    def ask(names, timeout):
        futures = {name: pool.submit(exchange, HOST, servers[name][1], case.wire, timeout)
                   for name in names}
        return {name: f.result() for name, f in futures.items()}

    replies = ask(servers, TIMEOUT)
    # Both peers answered and flipdns-auth did not: give it a second, longer
    # chance, so a busy machine cannot turn a slow reply into a mismatch. (A
    # slow peer only makes a case uncompared, which cannot fail the test.)
    if ("flipdns" in replies and replies["flipdns"] is None
            and replies["nsd"] is not None and replies["knot"] is not None):
        replies.update(ask(["flipdns"], RETRY_TIMEOUT))
    return replies


def run_corpus(servers, cases):
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(servers)) as pool:
        for case in cases:
            results.append((case, ask_all(pool, servers, case)))
    return results


def evaluate(results):
    """Splits results into compared/matched/mismatched and peer disagreements."""
    summary = {"total": len(results), "compared": 0, "matched": 0,
               "mismatches": [], "disagreements": [], "sides": {}, "neither": []}
    for case, replies in results:
        out = {name: outcome(case.wire, reply) for name, reply in replies.items()}
        if out["nsd"] != out["knot"]:
            summary["disagreements"].append((case, replies, differences(out["nsd"], out["knot"])))
            if "flipdns" in out:
                side = ("nsd" if out["flipdns"] == out["nsd"] else
                        "knot" if out["flipdns"] == out["knot"] else "neither")
                summary["sides"][side] = summary["sides"].get(side, 0) + 1
                if side == "neither":
                    summary["neither"].append(case)
            continue
        if "flipdns" not in out:
            continue
        summary["compared"] += 1
        if out["flipdns"] == out["nsd"]:
            summary["matched"] += 1
        else:
            summary["mismatches"].append(
                (case, replies, differences(out["nsd"], out["flipdns"])))
    return summary


def format_case(case, replies, fields):
    lines = [f"  {case.label}", f"    query: {case.wire.hex()}", f"    differs in: {fields}"]
    for name, reply in replies.items():
        lines.append(f"   [{name}]")
        lines.append(describe(reply))
    return "\n".join(lines)


def report(summary, verbose_disagreements=False):
    lines = [
        "differential test against NSD and Knot:",
        f"  cases total:                {summary['total']}",
        f"  peers agree (compared):     {summary['compared']}",
        f"  matched:                    {summary['matched']}",
        f"  mismatched:                 {len(summary['mismatches'])}",
        f"  NSD and Knot disagree:      {len(summary['disagreements'])}",
    ]
    if summary["sides"]:
        sides = summary["sides"]
        lines.append(f"  where they disagree, flipdns-auth is like NSD in {sides.get('nsd', 0)}, "
                     f"like Knot in {sides.get('knot', 0)}, like neither in "
                     f"{sides.get('neither', 0)}")
    if summary["mismatches"]:
        lines.append("mismatches (NSD and Knot agree, flipdns-auth differs):")
        lines += [format_case(*m) for m in summary["mismatches"]]
    if verbose_disagreements:
        lines.append("NSD/Knot disagreements (not compared):")
        lines += [format_case(*d) for d in summary["disagreements"]]
    else:
        lines.append("NSD/Knot disagreements (not compared), by label:")
        neither = {id(c) for c in summary["neither"]}
        lines += [f"  {case.label}  [{', '.join(f)}]"
                  + ("  (flipdns-auth like neither)" if id(case) in neither else "")
                  for case, _, f in summary["disagreements"]]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    servers = start_servers(tmp_path_factory.mktemp("differential"))
    try:
        yield servers
    finally:
        stop_servers(servers)


def test_flipdns_agrees_with_nsd_and_knot(servers):
    cases = build_corpus()
    started = time.monotonic()
    summary = evaluate(run_corpus(servers, cases))
    elapsed = time.monotonic() - started
    text = report(summary)
    print(f"\n{text}\n  run time: {elapsed:.1f}s")
    flip = servers["flipdns"][0]
    assert flip.alive(), f"flipdns-auth died during the run: {flip.describe()}"
    if summary["compared"] < MIN_COMPARED:
        pytest.fail(f"only {summary['compared']} cases compared (need {MIN_COMPARED})",
                    pytrace=False)
    if summary["mismatches"]:
        labels = "\n".join(case.label for case, _, _ in summary["mismatches"])
        pytest.fail(f"{len(summary['mismatches'])} of {summary['compared']} compared cases "
                    f"differ from NSD and Knot (details in the report above):\n{labels}",
                    pytrace=False)


def main(argv):
    with_flipdns = "--peers-only" not in argv
    verbose = "-v" in argv
    with tempfile.TemporaryDirectory(prefix="flipdns-diff-") as tmp:
        servers = start_servers(tmp, with_flipdns=with_flipdns)
        try:
            started = time.monotonic()
            summary = evaluate(run_corpus(servers, build_corpus()))
            print(report(summary, verbose_disagreements=verbose))
            print(f"  run time: {time.monotonic() - started:.1f}s")
        finally:
            stop_servers(servers)
    return 1 if summary["mismatches"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
