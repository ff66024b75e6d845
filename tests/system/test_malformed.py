"""A flood of garbage never crashes flipdns-auth nor stops it answering.

Bounded: 4000 UDP datagrams and 200 TCP connections, from a seeded generator so
a failure reproduces.
"""

import random
import select
import socket
import struct
import time

import dns.flags
import dns.message
import dns.rcode

from harness import query, tcp_connect

SEED = 7
UDP_PACKETS = 4000
TCP_CONNECTIONS = 200

VALID = [
    dns.message.make_query(n, t, use_edns=e).to_wire()
    for n, t, e in [("app.example.com.", "A", 0), ("big.example.com.", "TXT", None),
                    ("x.child.example.com.", "A", 0), ("example.com.", "SOA", 0),
                    ("foo.wild.example.com.", "TXT", 0)]
]


def garbage(rng):
    kind = rng.randrange(6)
    if kind == 0:  # random bytes of any length, including 0
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 700)))
    if kind == 1:  # a valid query with a few bytes flipped
        wire = bytearray(rng.choice(VALID))
        for _ in range(rng.randrange(1, 6)):
            wire[rng.randrange(len(wire))] = rng.randrange(256)
        return bytes(wire)
    if kind == 2:  # a valid query cut short
        wire = rng.choice(VALID)
        return wire[: rng.randrange(len(wire))]
    if kind == 3:  # a valid header with random counts and a random tail
        head = struct.pack("!HHHHHH", rng.randrange(65536), rng.randrange(65536),
                           *(rng.randrange(65536) for _ in range(4)))
        return head + bytes(rng.randrange(256) for _ in range(rng.randrange(0, 100)))
    if kind == 4:  # compression pointers everywhere
        return struct.pack("!HHHHHH", 1, 0, 1, 0, 0, 0) + bytes(
            rng.choice([0xC0, 0x0C, 0x3F, 0x00]) for _ in range(rng.randrange(1, 60)))
    return rng.choice(VALID) + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 50)))


def check_reply(wire):
    """Whatever flipdns-auth sends back must be a well-formed response."""
    assert len(wire) >= 12, f"short reply {wire.hex()}"
    (flags,) = struct.unpack("!H", wire[2:4])
    assert flags & dns.flags.QR, f"reply without QR: {wire.hex()}"
    if (flags >> 11) & 0xF == 0:  # dnspython refuses opcodes it has no name for
        dns.message.from_wire(wire)


def test_udp_flood_of_garbage(auth):
    rng = random.Random(SEED)
    replies = 0
    for host, family in (("127.0.0.1", socket.AF_INET), ("::1", socket.AF_INET6)):
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.setblocking(False)
            for i in range(UDP_PACKETS // 2):
                s.sendto(garbage(rng), (host, auth.port))
                # Read what came back so far; pacing on our own receive keeps the
                # flood from only measuring socket-buffer drops.
                while select.select([s], [], [], 0)[0]:
                    check_reply(s.recv(65535))
                    replies += 1
            end = time.monotonic() + 1.0
            while select.select([s], [], [], max(0.0, end - time.monotonic()))[0]:
                check_reply(s.recv(65535))
                replies += 1
        assert auth.alive(), auth.describe()
    assert replies > 0, "not one reply to thousands of packets, valid ones included"
    answer_still(auth)


def test_tcp_garbage_connections(auth):
    rng = random.Random(SEED + 1)
    for i in range(TCP_CONNECTIONS):
        host = "127.0.0.1" if i % 2 else "::1"
        with tcp_connect(host, auth.port) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            payload = garbage(rng)
            mode = i % 4
            try:
                if mode == 0:
                    s.sendall(struct.pack("!H", len(payload)) + payload)
                elif mode == 1:
                    s.sendall(payload)  # unframed
                elif mode == 2:
                    s.sendall(b"\xff\xff" + payload)  # promises 64 KiB, then resets
                else:
                    s.sendall((struct.pack("!H", len(payload)) + payload) * 3)
                    s.shutdown(socket.SHUT_WR)
            except OSError:  # reset or closed by the server: its right
                pass
    assert auth.alive(), auth.describe()
    answer_still(auth)


def answer_still(auth):
    for host in ("127.0.0.1", "::1"):
        for tcp in (False, True):
            reply = query(host, auth.port, "app.example.com.", "A", tcp=tcp, timeout=2.0)
            assert reply is not None and reply.rcode() == dns.rcode.NOERROR, (
                f"no answer on {host} tcp={tcp} after the flood: {auth.describe()}")
