"""DNS over TCP per RFC 7766: framing, pipelining, idle timeout, connection cap."""

import socket
import struct
import time

import dns.message
import dns.rcode
import dns.rdatatype
import pytest

from harness import poll_until, tcp_connect, tcp_exchange, tcp_read_message

IDLE = 1.0  # seconds, the --tcp-idle-timeout of the instances below


def framed(msg):
    wire = msg.to_wire()
    return struct.pack("!H", len(wire)) + wire


def make(qname, qtype, qid):
    msg = dns.message.make_query(qname, qtype, use_edns=0)
    msg.flags = 0
    msg.id = qid
    return msg


QUERIES = [
    ("app.example.com.", "A"), ("www.example.com.", "AAAA"), ("big.example.com.", "TXT"),
    ("nothere.example.com.", "A"), ("x.child.example.com.", "A"), ("host.sub.example.com.", "A"),
    ("example.com.", "SOA"), ("huge.example.com.", "TXT"), ("foo.wild.example.com.", "A"),
    ("example.org.", "A"),
]
EXPECTED_RCODE = {"nothere.example.com.": dns.rcode.NXDOMAIN, "example.org.": dns.rcode.REFUSED}


def check_replies(msgs, replies):
    by_id = {}
    for wire in replies:
        reply = dns.message.from_wire(wire)
        assert reply.id not in by_id, f"id {reply.id} answered twice"
        by_id[reply.id] = reply
    assert sorted(by_id) == sorted(m.id for m in msgs)
    for msg in msgs:
        reply = by_id[msg.id]
        assert reply.question == msg.question
        name = msg.question[0].name.to_text()
        assert reply.rcode() == EXPECTED_RCODE.get(name, dns.rcode.NOERROR), name


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_pipelined_queries_in_one_write_are_all_answered(auth, host):
    msgs = [make(n, t, 1000 + i) for i, (n, t) in enumerate(QUERIES * 5)]
    deadline = time.monotonic() + 5
    with tcp_connect(host, auth.port) as s:
        s.sendall(b"".join(framed(m) for m in msgs))
        replies = [tcp_read_message(s, deadline) for _ in msgs]
    check_replies(msgs, replies)


def test_queries_split_across_segments_are_reassembled(auth):
    msgs = [make(n, t, 2000 + i) for i, (n, t) in enumerate(QUERIES[:4])]
    stream = b"".join(framed(m) for m in msgs)
    deadline = time.monotonic() + 5
    with tcp_connect("127.0.0.1", auth.port) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # One byte, then the rest of the length and half a message, and so on.
        cuts = [0, 1, 2, 20, len(stream) // 2, len(stream) - 3, len(stream)]
        for a, b in zip(cuts, cuts[1:]):
            s.sendall(stream[a:b])
        replies = [tcp_read_message(s, deadline) for _ in msgs]
    check_replies(msgs, replies)


def test_zero_length_frame_does_not_stop_the_server(auth):
    with tcp_connect("127.0.0.1", auth.port) as s:
        s.sendall(b"\x00\x00")
        wait_closed_or_ignored(s, 2.0)
    assert tcp_exchange("127.0.0.1", auth.port, make("app.example.com.", "A", 7).to_wire(), 2)


def wait_closed_or_ignored(sock, timeout):
    sock.settimeout(timeout)
    try:
        return sock.recv(65535)
    except (socket.timeout, ConnectionError):
        return b""


def wait_closed(sock, deadline):
    """Seconds until the peer closes the connection; fails at the deadline."""
    start = time.monotonic()
    while True:
        remaining = start + deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"connection still open after {deadline}s")
        sock.settimeout(remaining)
        try:
            data = sock.recv(65535)
        except socket.timeout:
            continue
        except ConnectionError:
            return time.monotonic() - start
        if not data:
            return time.monotonic() - start


@pytest.fixture(scope="module")
def idle_auth(tmp_path_factory):
    from harness import FlipdnsAuth

    server = FlipdnsAuth(tmp_path_factory.mktemp("idle"), ipv6=False,
                         extra_args=["--tcp-idle-timeout", "1s"])
    try:
        yield server.start_and_wait()
    finally:
        server.stop()


def test_idle_connection_after_an_answer_is_closed(idle_auth):
    with tcp_connect("127.0.0.1", idle_auth.port) as s:
        s.sendall(framed(make("app.example.com.", "A", 1)))
        tcp_read_message(s, time.monotonic() + 2)
        elapsed = wait_closed(s, IDLE + 4)
    assert elapsed >= IDLE * 0.5, f"closed after {elapsed:.2f}s, before the idle timeout"


def test_silent_connection_is_closed(idle_auth):
    with tcp_connect("127.0.0.1", idle_auth.port) as s:
        elapsed = wait_closed(s, IDLE + 4)
    assert elapsed >= IDLE * 0.5, f"closed after {elapsed:.2f}s, before the idle timeout"


def test_half_sent_query_does_not_hold_the_connection(idle_auth):
    with tcp_connect("127.0.0.1", idle_auth.port) as s:
        s.sendall(b"\x00\x40\x12\x34")  # promises 64 bytes, sends 2
        wait_closed(s, IDLE + 4)


def test_activity_keeps_a_connection_open(idle_auth):
    """Queries every 0.4 s for 2 s (twice the idle timeout) on one connection."""
    with tcp_connect("127.0.0.1", idle_auth.port) as s:
        for i in range(6):
            s.sendall(framed(make("app.example.com.", "A", 100 + i)))
            reply = dns.message.from_wire(tcp_read_message(s, time.monotonic() + 2))
            assert reply.id == 100 + i
            time.sleep(IDLE * 0.4)  # pacing the client, not waiting for the server


CAP = 4


def test_connection_cap(fresh_auth):
    server = fresh_auth(ipv6=False, extra_args=["--tcp-max-connections", str(CAP)])
    server.start_and_wait()
    port = server.port
    held = []
    try:
        for i in range(CAP):
            s = tcp_connect("127.0.0.1", port)
            held.append(s)
            s.sendall(framed(make("app.example.com.", "A", 300 + i)))
            tcp_read_message(s, time.monotonic() + 2)

        with tcp_connect("127.0.0.1", port) as extra:
            try:
                extra.sendall(framed(make("app.example.com.", "A", 399)))
            except ConnectionError:
                pass
            assert not wait_closed_or_ignored(extra, 1.0), (
                f"connection {CAP + 1} was served with {CAP} open")

        # The held connections keep working.
        for i, s in enumerate(held):
            s.sendall(framed(make("www.example.com.", "A", 500 + i)))
            assert dns.message.from_wire(tcp_read_message(s, time.monotonic() + 2)).id == 500 + i

        held.pop().close()
        query = make("example.com.", "SOA", 600).to_wire()
        reply = poll_until(lambda: tcp_exchange("127.0.0.1", port, query, 0.5), 5,
                           what="a new connection to be served after one closed")
        assert dns.message.from_wire(reply).answer[0].rdtype == dns.rdatatype.SOA
    finally:
        for s in held:
            s.close()
