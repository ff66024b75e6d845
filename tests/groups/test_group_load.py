"""A bounded query load while the app group flips 100 times.

Queries go out at a fixed rate from several UDP sockets (so SO_REUSEPORT spreads
them over both workers) and one TCP connection, for about ten seconds, while the
main thread flips `app` between primary and standby through the control API.
Afterwards every query is checked:

- failed: no reply within 2 s, a reply that is not NOERROR + AA with the full
  answer of one pool, a reply that does not match its query;
- mixed: an answer holding addresses of both pools;
- stale: an answer from a pool that had been replaced before the query was sent
  (a PUT that returned 200 is served from then on).

The counts are printed (run pytest with -s to see them) for the issue note.
"""

import http.client
import json
import os
import selectors
import socket
import statistics
import struct
import threading
import time

import dns.exception
import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype

from flip_harness import APP, POOLS, decision
from harness import tcp_read_message

UDP_RATE = int(os.environ.get("FLIPDNS_LOAD_QPS", "1000"))  # UDP queries per second
TCP_RATE = 100  # per second, one connection, one query at a time
DURATION = 10.0  # seconds of load
FLIPS = 100
UDP_SOCKETS = 8
REPLY_TIMEOUT = 2.0

QUESTIONS = [(APP, "A"), (APP, "AAAA"), ("www.example.com.", "A")]


def pool_of(name, rtype, addresses):
    """'primary' or 'standby' for a full answer of one pool, 'mixed', or None."""
    family = 0 if rtype == "A" else 1
    got = set(addresses)
    full = {p: set(POOLS[APP][p][family]) for p in ("primary", "standby")}
    for pool, want in full.items():
        if got == want:
            return pool
    if got & full["primary"] and got & full["standby"]:
        return "mixed"
    return None


class Sent:
    __slots__ = ("name", "rtype", "t_send", "t_recv", "wire", "transport")

    def __init__(self, name, rtype, t_send, transport):
        self.name, self.rtype, self.t_send, self.transport = name, rtype, t_send, transport
        self.t_recv = None
        self.wire = None


def make_query(name, rtype, qid):
    msg = dns.message.make_query(name, rtype, use_edns=0)
    msg.flags &= ~dns.flags.RD
    msg.id = qid
    return msg.to_wire()


class UdpLoad:
    """Fixed-rate sender and a receiver over several sockets; replies checked later."""

    def __init__(self, port, rate, duration):
        self.port, self.rate, self.duration = port, rate, duration
        self.socks = []
        for _ in range(UDP_SOCKETS):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
            s.bind(("127.0.0.1", 0))
            s.setblocking(False)
            self.socks.append(s)
        self.sent = [dict() for _ in self.socks]  # per socket: id -> Sent
        self.duplicates = 0
        self.unmatched = 0
        self.received = 0
        self.sending_done = threading.Event()
        self.stop = threading.Event()
        self.errors = []

    def close(self):
        for s in self.socks:
            s.close()

    def send_loop(self, start):
        try:
            total = int(self.rate * self.duration)
            for i in range(total):
                due = start + i / self.rate
                delay = due - time.monotonic()
                if delay > 0 and self.stop.wait(delay):
                    return
                k = i % len(self.socks)
                qid = (i // len(self.socks)) & 0xFFFF
                name, rtype = QUESTIONS[i % len(QUESTIONS)]
                record = Sent(name, rtype, time.monotonic(), "udp")
                self.sent[k][qid] = record
                try:
                    self.socks[k].sendto(make_query(name, rtype, qid), ("127.0.0.1", self.port))
                except BlockingIOError:
                    pass  # counted as unanswered
        except Exception as e:  # surfaced by the test
            self.errors.append(repr(e))
        finally:
            self.sending_done.set()

    def receive_loop(self):
        sel = selectors.DefaultSelector()
        for k, s in enumerate(self.socks):
            sel.register(s, selectors.EVENT_READ, k)
        try:
            while not self.stop.is_set():
                for key, _ in sel.select(timeout=0.05):
                    k = key.data
                    while True:
                        try:
                            data = self.socks[k].recv(65535)
                        except BlockingIOError:
                            break
                        now = time.monotonic()
                        self.received += 1
                        if len(data) < 2:
                            self.unmatched += 1
                            continue
                        (qid,) = struct.unpack("!H", data[:2])
                        record = self.sent[k].get(qid)
                        if record is None:
                            self.unmatched += 1
                        elif record.wire is not None:
                            self.duplicates += 1
                        else:
                            record.t_recv, record.wire = now, data
        except Exception as e:
            self.errors.append(repr(e))
        finally:
            sel.close()

    def records(self):
        return [r for per_socket in self.sent for r in per_socket.values()]


class TcpLoad:
    """One connection, one query at a time, at a fixed rate."""

    def __init__(self, port, rate, duration):
        self.port, self.rate, self.duration = port, rate, duration
        self.sent = []
        self.errors = []
        self.stop = threading.Event()

    def loop(self, start):
        sock = None
        try:
            for i in range(int(self.rate * self.duration)):
                due = start + i / self.rate
                delay = due - time.monotonic()
                if delay > 0 and self.stop.wait(delay):
                    return
                name, rtype = QUESTIONS[i % len(QUESTIONS)]
                record = Sent(name, rtype, time.monotonic(), "tcp")
                self.sent.append(record)
                wire = make_query(name, rtype, i & 0xFFFF)
                try:
                    if sock is None:
                        sock = socket.create_connection(("127.0.0.1", self.port), timeout=2)
                    sock.sendall(struct.pack("!H", len(wire)) + wire)
                    record.wire = tcp_read_message(sock, time.monotonic() + REPLY_TIMEOUT)
                    record.t_recv = time.monotonic()
                except (OSError, ConnectionError) as e:
                    self.errors.append(f"tcp query {i}: {e!r}")
                    if sock is not None:
                        sock.close()
                    sock = None
        finally:
            if sock is not None:
                sock.close()


def classify(record, flips):
    """(outcome, pool): outcome is 'ok', 'failed:<why>', 'mixed' or 'stale'."""
    if record.wire is None:
        return "failed:no reply", None
    if record.t_recv - record.t_send > REPLY_TIMEOUT:
        return "failed:late", None
    try:
        msg = dns.message.from_wire(record.wire)
    except dns.exception.DNSException as e:
        return f"failed:unparsable {type(e).__name__}", None
    if not msg.flags & dns.flags.QR or not msg.flags & dns.flags.AA:
        return "failed:flags", None
    if msg.flags & dns.flags.TC:
        return "failed:truncated", None
    if msg.rcode() != dns.rcode.NOERROR:
        return f"failed:{dns.rcode.to_text(msg.rcode())}", None
    q = msg.question
    if len(q) != 1 or q[0].name.to_text().lower() != record.name or \
            dns.rdatatype.to_text(q[0].rdtype) != record.rtype:
        return "failed:question", None
    want = dns.rdatatype.from_text(record.rtype)
    addrs = [rd.address for rrset in msg.answer if rrset.rdtype == want and
             rrset.name.to_text() == APP for rd in rrset]
    if record.name != APP:
        cnames = [rrset for rrset in msg.answer if rrset.rdtype == dns.rdatatype.CNAME]
        if len(cnames) != 1 or cnames[0][0].target.to_text() != APP:
            return "failed:cname", None
    pool = pool_of(record.name, record.rtype, addrs)
    if pool == "mixed":
        return "mixed", None
    if pool is None:
        return f"failed:answer {sorted(addrs)}", None
    return ("ok" if pool in allowed_pools(record, flips) else "stale"), pool


def allowed_pools(record, flips):
    """The pool served when the query was sent, and any a flip started since put in place."""
    allowed = {"primary"}
    for f in flips:
        if f["t_end"] <= record.t_send:
            allowed = {f["pool"]}
        elif f["t_start"] <= record.t_recv:
            allowed.add(f["pool"])
    return allowed


def put(control, body):
    conn = http.client.HTTPConnection(control.host, control.port, timeout=5)
    try:
        conn.request("PUT", f"/v1/decisions/{APP}", body=json.dumps(body),
                     headers={"Authorization": f"Bearer {control.token}",
                              "Content-Type": "application/json"})
        resp = conn.getresponse()
        return resp.status, resp.read().decode(errors="replace")
    finally:
        conn.close()


def test_flipping_100_times_under_load_fails_no_query_and_mixes_no_pools(auth):
    udp = UdpLoad(auth.port, UDP_RATE, DURATION)
    tcp = TcpLoad(auth.port, TCP_RATE, DURATION)
    start = time.monotonic() + 0.2
    threads = [threading.Thread(target=udp.receive_loop, name="udp-recv"),
               threading.Thread(target=udp.send_loop, args=(start,), name="udp-send"),
               threading.Thread(target=tcp.loop, args=(start,), name="tcp")]
    flips = []
    try:
        for t in threads:
            t.start()
        # Flips spread over the load, leaving half a second of load on each side.
        step = (DURATION - 1.0) / FLIPS
        for n in range(1, FLIPS + 1):
            due = start + 0.5 + (n - 1) * step
            delay = due - time.monotonic()
            if delay > 0:
                udp.stop.wait(delay)  # pacing, not waiting for a condition
            pool = "standby" if n % 2 else "primary"
            t_start = time.monotonic()
            status, body = put(auth.control, decision(pool, n))
            flips.append({"pool": pool, "epoch": n, "status": status, "body": body,
                          "t_start": t_start, "t_end": time.monotonic()})
        udp.sending_done.wait(DURATION + 30)
        # Replies may still be on their way: wait for them, up to the reply timeout.
        last_send = time.monotonic()
        end = last_send + REPLY_TIMEOUT + 0.5
        while time.monotonic() < end and udp.received < len(udp.records()):
            udp.stop.wait(0.02)
    finally:
        udp.stop.set()
        tcp.stop.set()
        for t in threads:
            t.join(timeout=DURATION + 30)
        udp.close()

    records = udp.records() + tcp.sent
    outcomes = {}
    served_by = {"primary": 0, "standby": 0}
    for r in records:
        c, pool = classify(r, flips)
        outcomes[c] = outcomes.get(c, 0) + 1
        if c == "ok":
            served_by[pool] += 1
    failed = {k: v for k, v in outcomes.items() if k.startswith("failed")}
    flip_ms = sorted((f["t_end"] - f["t_start"]) * 1000 for f in flips)
    report = {
        "queries_sent": len(records),
        "udp_sent": len(udp.records()),
        "tcp_sent": len(tcp.sent),
        "answered": sum(1 for r in records if r.wire is not None),
        "ok": outcomes.get("ok", 0),
        "failed": sum(failed.values()),
        "failed_by_reason": failed,
        "mixed": outcomes.get("mixed", 0),
        "stale": outcomes.get("stale", 0),
        "answers_by_pool": served_by,
        "udp_duplicates": udp.duplicates,
        "udp_unmatched": udp.unmatched,
        "flips": len(flips),
        "flips_ok": sum(1 for f in flips if f["status"] == 200),
        "flip_put_ms": {"median": round(statistics.median(flip_ms), 2),
                        "p99": round(flip_ms[int(len(flip_ms) * 0.99) - 1], 2),
                        "max": round(flip_ms[-1], 2)},
        "udp_rate": UDP_RATE, "tcp_rate": TCP_RATE, "duration_s": DURATION,
        "errors": (udp.errors + tcp.errors)[:5],
    }
    print("\nFLIP LOAD " + json.dumps(report, sort_keys=True))

    assert not udp.errors, udp.errors
    assert [f["status"] for f in flips] == [200] * FLIPS, [
        (f["epoch"], f["status"], f["body"]) for f in flips if f["status"] != 200]
    assert report["failed"] == 0, report
    assert report["mixed"] == 0, report
    assert report["stale"] == 0, report
    assert udp.duplicates == 0 and udp.unmatched == 0, report
    assert served_by["primary"] > 0 and served_by["standby"] > 0, report
    held = auth.control.decisions()[APP]
    assert (held["pool"], held["epoch"]) == ("primary", FLIPS)
    assert auth.alive(), auth.describe()

