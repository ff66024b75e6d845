"""Process and wire helpers shared by the system and conformance tests.

Every server a test needs is started here on loopback high ports, waited for by
polling with a deadline, and stopped by its PID (its own process group, so NSD's
forked children go with it) even when the test fails.
"""

import contextlib
import json
import os
import random
import shutil
import signal
import socket
import struct
import subprocess
import time
from pathlib import Path

import dns.flags
import dns.message
import dns.rdataclass
import dns.rdatatype
import dns.rcode

REPO = Path(__file__).resolve().parents[2]
ZONES_DIR = REPO / "tests" / "zones"

# The zones every test serves: origin -> file name in tests/zones/.
TEST_ZONES = {
    "example.com.": "example.com.zone",
    "sub.example.com.": "sub.example.com.zone",
}
ZONE_EXTRA_FILES = ["example.com.inc"]

STARTUP_DEADLINE = 15.0
STOP_DEADLINE = 10.0


def flipdns_binary():
    """Path of flipdns-auth under test; ctest passes it in FLIPDNS_AUTH."""
    path = os.environ.get("FLIPDNS_AUTH")
    if not path:
        candidate = REPO / "build" / "bin" / "flipdns-auth"
        path = str(candidate)
    if not os.access(path, os.X_OK):
        raise RuntimeError(
            f"flipdns-auth not found at {path!r}: build it and set FLIPDNS_AUTH"
        )
    return path


def _bindable(family, kind, host, port):
    try:
        with socket.socket(family, kind) as s:
            s.bind((host, port))
        return True
    except OSError:
        return False


def _ephemeral_range():
    try:
        low, high = open("/proc/sys/net/ipv4/ip_local_port_range").read().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def free_port(ipv6=True):
    """A port free for UDP and TCP on 127.0.0.1 (and ::1 when asked).

    Never one the kernel hands out as a client's source port: dig sets
    SO_REUSEPORT on its sockets, so as the same user (root in CI) it may be given
    the server's own port, and then its connected socket, not the server,
    receives its query (seen once in CI: dig read back its own query). Ports below
    the ephemeral range cannot be given that way.
    """
    low, _ = _ephemeral_range()
    rng = random.Random()
    for _ in range(200):
        port = rng.randrange(max(1024, low - 12000), low)
        checks = [(socket.AF_INET, socket.SOCK_STREAM, "127.0.0.1"),
                  (socket.AF_INET, socket.SOCK_DGRAM, "127.0.0.1")]
        if ipv6:
            checks += [
                (socket.AF_INET6, socket.SOCK_STREAM, "::1"),
                (socket.AF_INET6, socket.SOCK_DGRAM, "::1"),
            ]
        if all(_bindable(f, k, h, port) for f, k, h in checks):
            return port
    raise RuntimeError("no free port found")


def copy_zones(dest):
    """Copies the test zones into dest (tests may edit their copy)."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name in list(TEST_ZONES.values()) + ZONE_EXTRA_FILES:
        shutil.copy(ZONES_DIR / name, dest / name)
    return dest


class Server:
    """One child process with its output in a file; stop() by PID."""

    def __init__(self, name, argv, cwd, log_path, env=None):
        self.name = name
        self.argv = [str(a) for a in argv]
        self.cwd = str(cwd)
        self.log_path = Path(log_path)
        self.env = env
        self.proc = None

    def start(self):
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                self.argv,
                cwd=self.cwd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                env=self.env,
                start_new_session=True,
            )
        return self

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log_text(self):
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def send_signal(self, sig):
        self.proc.send_signal(sig)

    def wait(self, timeout):
        return self.proc.wait(timeout=timeout)

    def stop(self, sig=signal.SIGTERM, timeout=STOP_DEADLINE):
        """Stops the process; returns its exit status (None if it had to be killed)."""
        if self.proc is None:
            return None
        if self.proc.poll() is not None:
            self._reap_group()
            return self.proc.returncode
        try:
            self.proc.send_signal(sig)
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._kill_group()
            self.proc.wait(timeout=timeout)
            return None
        finally:
            self._reap_group()

    def _kill_group(self):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)

    def _reap_group(self):
        # Children of the server (NSD forks some) share the group we created.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, 0)
            os.killpg(self.proc.pid, signal.SIGKILL)

    def describe(self):
        status = "running" if self.alive() else f"exited {self.proc.returncode}"
        return f"{self.name} pid {self.pid} ({status}); log:\n{self.log_text()[-4000:]}"


# --- wire helpers -------------------------------------------------------------


def _family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def udp_exchange(host, port, wire, timeout=1.0):
    """Sends one datagram; returns the first reply's bytes or None on timeout."""
    with socket.socket(_family(host), socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(wire, (host, port))
        try:
            data, _ = s.recvfrom(65535)
            return data
        except socket.timeout:
            return None


def recv_exact(sock, n, deadline):
    buf = b""
    while len(buf) < n:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout()
        sock.settimeout(remaining)
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionResetError("closed by peer")
        buf += chunk
    return buf


def tcp_read_message(sock, deadline):
    (length,) = struct.unpack("!H", recv_exact(sock, 2, deadline))
    return recv_exact(sock, length, deadline)


def tcp_connect(host, port, timeout=2.0):
    s = socket.socket(_family(host), socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect((host, port))
    return s


def tcp_exchange(host, port, wire, timeout=1.0):
    """One framed query on a fresh connection; None when closed or timed out."""
    deadline = time.monotonic() + timeout
    try:
        with tcp_connect(host, port, timeout) as s:
            s.sendall(struct.pack("!H", len(wire)) + wire)
            return tcp_read_message(s, deadline)
    except (socket.timeout, ConnectionError, OSError):
        return None


def query(host, port, qname, qtype="A", rdclass="IN", tcp=False, timeout=2.0, **kw):
    """dnspython query without recursion desired; returns the parsed reply or None."""
    kw.setdefault("use_edns", 0)
    msg = dns.message.make_query(qname, qtype, rdclass, **kw)
    msg.flags &= ~dns.flags.RD
    exchange = tcp_exchange if tcp else udp_exchange
    data = exchange(host, port, msg.to_wire(), timeout)
    if data is None:
        return None
    return dns.message.from_wire(data)


def wait_for_dns(server, host, port, qname="example.com.", qtype="SOA",
                 deadline=STARTUP_DEADLINE, tcp_too=True):
    """Polls until `server` answers qname/qtype on UDP (and TCP) or fails loudly."""
    end = time.monotonic() + deadline
    need = ["udp", "tcp"] if tcp_too else ["udp"]
    while need:
        if not server.alive():
            raise RuntimeError(f"server exited before ready: {server.describe()}")
        if time.monotonic() > end:
            raise RuntimeError(f"server not ready in {deadline}s: {server.describe()}")
        reply = query(host, port, qname, qtype, tcp=(need[0] == "tcp"), timeout=0.2)
        if reply is not None and reply.rcode() == dns.rcode.NOERROR and reply.answer:
            need.pop(0)
        else:
            time.sleep(0.05)


def poll_until(predicate, deadline, interval=0.05, what="condition"):
    """Calls predicate until it returns a truthy value; raises after deadline seconds."""
    end = time.monotonic() + deadline
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {deadline}s waiting for {what}")
        time.sleep(interval)


# --- flipdns-auth ------------------------------------------------------------


class FlipdnsAuth(Server):
    def __init__(self, workdir, zones=None, port=None, ipv6=True, extra_args=(),
                 use_config=None, zone_dir=None):
        workdir = Path(workdir)
        workdir.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        self.zone_dir = Path(zone_dir) if zone_dir else workdir / "zones"
        if not self.zone_dir.exists():
            copy_zones(self.zone_dir)
        self.ipv6 = ipv6
        self.port = port or free_port(self.ipv6)
        self.zones = zones if zones is not None else {
            origin: self.zone_dir / name for origin, name in TEST_ZONES.items()
        }
        self.listen = [f"127.0.0.1:{self.port}"]
        if self.ipv6:
            self.listen.append(f"[::1]:{self.port}")
        if use_config is not None:
            argv = [flipdns_binary(), "--config", use_config, *extra_args]
        else:
            argv = [flipdns_binary()]
            for addr in self.listen:
                argv += ["--listen", addr]
            for origin, path in self.zones.items():
                argv += ["--zone-file", f"{origin}={path}"]
            argv += ["--threads", "1", *extra_args]
        super().__init__("flipdns-auth", argv, self.zone_dir, workdir / "flipdns-auth.log")

    def start_and_wait(self):
        self.start()
        wait_for_dns(self, "127.0.0.1", self.port)
        if self.ipv6:
            wait_for_dns(self, "::1", self.port)
        return self

    def log_records(self):
        """The stderr lines parsed as JSON (a line that is not JSON raises)."""
        records = []
        for line in self.log_text().splitlines():
            if line.strip():
                records.append(json.loads(line))
        return records


def start_expecting_exit(server, deadline=10.0):
    """Starts a server that should refuse to run; returns its exit status, or a
    description when it is still running (it answered, or the deadline passed)."""
    server.start()
    try:
        def exited_or_serving():
            if not server.alive():
                return "exited"
            reply = query("127.0.0.1", server.port, "example.com.", "SOA", timeout=0.1)
            return "serving" if reply is not None else None

        if poll_until(exited_or_serving, deadline, what="exit") == "serving":
            return "running and answering queries"
        return server.wait(timeout=1)
    finally:
        server.stop()

