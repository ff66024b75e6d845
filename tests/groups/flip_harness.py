"""flipdns-auth with YAML zones, a state directory and the control listener.

Process handling, ports, readiness polling and DNS wire helpers come from
tests/system/harness.py (put on sys.path by conftest.py); this adds what the
failover-group tests need on top: the control API client, zones in a git
checkout, and reading group answers.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import time
from pathlib import Path

import dns.rcode
import dns.rdatatype

from harness import Server, flipdns_binary, free_port, poll_until, query, wait_for_dns

HERE = Path(__file__).resolve().parent
ZONES = HERE / "zones"

ZONE = "example.com."
APP = "app.example.com."
MAIL = "mail.example.com."
API = "api.example.com."

# The pools of tests/groups/zones/example.com.yaml, by group: (IPv4, IPv6).
POOLS = {
    APP: {
        "primary": (["192.0.2.10", "192.0.2.11", "192.0.2.12"], ["2001:db8::10", "2001:db8::11"]),
        "standby": (["198.51.100.10", "198.51.100.11"], ["2001:db8:1::10"]),
    },
    MAIL: {
        "primary": (["192.0.2.25"], ["2001:db8::25"]),
        "standby": (["198.51.100.25"], []),
        "dr": (["203.0.113.25"], []),
    },
    API: {
        "primary": (["192.0.2.20"], []),
        "standby": (["198.51.100.20"], []),
    },
}


def members(group, pool):
    v4, v6 = POOLS[group][pool]
    return v4 + v6


def decision(pool, epoch, group=APP, member_list=None):
    return {"pool": pool, "members": member_list if member_list is not None
            else members(group, pool), "epoch": epoch}


# --- RFC 1982 -----------------------------------------------------------------


def serial_gt(a, b):
    """RFC 1982 section 3.2: a > b in 32-bit serial number arithmetic."""
    return a != b and ((a < b and b - a > 2**31) or (a > b and a - b < 2**31))


# --- DNS ------------------------------------------------------------------------


def addresses(port, name, rtype="A", host="127.0.0.1", tcp=False, owner=None):
    """(rcode, sorted addresses owned by `owner` (default: name)) from one dnspython query."""
    reply = query(host, port, name, rtype, tcp=tcp, timeout=2.0)
    assert reply is not None, f"no reply to {name} {rtype}"
    want = dns.rdatatype.from_text(rtype)
    owner = owner or name
    found = sorted(rd.address for rrset in reply.answer
                   if rrset.rdtype == want and rrset.name.to_text() == owner for rd in rrset)
    return reply.rcode(), found


def soa_serial(port, zone=ZONE):
    reply = query("127.0.0.1", port, zone, "SOA", timeout=2.0)
    assert reply is not None and reply.rcode() == dns.rcode.NOERROR, f"no SOA for {zone}"
    return reply.answer[0][0].serial


# --- the control API ---------------------------------------------------------------


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"HTTP {self.status}: {self.body[:500]!r}"


class Control:
    """A small client for the control listener (one connection per request)."""

    def __init__(self, host, port, token):
        self.host = host
        self.port = port
        self.token = token

    def request(self, method, path, body=None, token=..., headers=None, timeout=5.0):
        token = self.token if token is ... else token
        hdrs = dict(headers or {})
        if token is not None and "Authorization" not in hdrs:
            hdrs["Authorization"] = f"Bearer {token}"
        data = None
        if body is not None:
            data = body if isinstance(body, (bytes, str)) else json.dumps(body)
            if isinstance(data, str):
                data = data.encode()
            hdrs["Content-Type"] = "application/json"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=data, headers=hdrs)
            resp = conn.getresponse()
            return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()},
                         resp.read().decode(errors="replace"))
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def put_decision(self, group, body, **kw):
        return self.request("PUT", f"/v1/decisions/{group}", body=body, **kw)

    def decisions(self):
        r = self.get("/v1/decisions")
        assert r.status == 200, r
        return {d["group"]: d for d in r.json()["decisions"]}

    def status(self):
        r = self.get("/v1/status")
        assert r.status == 200, r
        return r.json()

    def zone_serial(self, zone=ZONE):
        for z in self.status()["zones"]:
            if z["zone"] == zone:
                return z["serial"]
        raise AssertionError(f"{zone} not in /v1/status")

    def reload(self):
        return self.request("POST", "/v1/reload")

    def metrics(self):
        r = self.get("/metrics")
        assert r.status == 200, r
        return r


# --- the server -------------------------------------------------------------------------


class GroupAuth(Server):
    """flipdns-auth serving a --zones directory with --state-dir and --control."""

    def __init__(self, workdir, zone_dir, state_dir=None, port=None, control_port=None,
                 threads=2, extra_args=()):
        workdir = Path(workdir)
        workdir.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        self.zone_dir = Path(zone_dir)
        self.state_dir = Path(state_dir) if state_dir else workdir / "state"
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port(ipv6=False)
        self.control_port = control_port or free_port(ipv6=False)
        self.token = secrets.token_hex(16)
        token_file = workdir / "control.token"
        token_file.write_text(self.token + "\n")
        token_file.chmod(0o600)
        argv = [flipdns_binary(),
                "--listen", f"127.0.0.1:{self.port}",
                "--zones", self.zone_dir,
                "--state-dir", self.state_dir,
                "--control", f"127.0.0.1:{self.control_port}",
                "--control-token-file", token_file,
                "--threads", str(threads),
                *extra_args]
        super().__init__("flipdns-auth", argv, workdir, workdir / "flipdns-auth.log")
        self.control = Control("127.0.0.1", self.control_port, self.token)
        self.stopped = False

    def stop(self, *args, **kw):
        """Stops by PID; remembers that it was asked to (see conftest.servers)."""
        self.stopped = True
        return super().stop(*args, **kw)

    def restarted(self):
        """A new process with the same ports, zones, state and token (after stop())."""
        other = GroupAuth.__new__(GroupAuth)
        other.__dict__.update(self.__dict__)
        other.proc = None
        other.stopped = False
        return other

    def wait_control(self, deadline=15.0):
        def ready():
            if not self.alive():
                raise AssertionError(f"server exited: {self.describe()}")
            try:
                return self.control.get("/v1/status", timeout=0.5).status == 200
            except OSError:
                return False
        poll_until(ready, deadline, what=f"the control listener: {self.describe()}")

    def start_and_wait(self):
        self.start()
        wait_for_dns(self, "127.0.0.1", self.port, qname=ZONE)
        self.wait_control()
        return self


# --- zones in a git checkout ------------------------------------------------------------

GIT_ENV = {
    "GIT_AUTHOR_NAME": "flipdns tests", "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "flipdns tests", "GIT_COMMITTER_EMAIL": "tests@example.com",
    "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
}


class ZoneRepo:
    """A git checkout holding a copy of tests/groups/zones, edited and committed by tests."""

    def __init__(self, path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        for f in ZONES.iterdir():
            if f.is_file():
                shutil.copy(f, self.path / f.name)
        self.git("init", "-q", "-b", "main")
        # Commit times are the base of the SOA serial: give each commit its own
        # minute so the tests do not depend on how fast they run.
        self.clock = int(time.time()) - 3600
        self.commit("zones for the failover-group tests")

    def git(self, *args, env=None):
        run = subprocess.run(["git", "-C", str(self.path), *args], capture_output=True,
                             text=True, timeout=30, env={**os.environ, **GIT_ENV, **(env or {})})
        assert run.returncode == 0, f"git {args}: {run.stdout}{run.stderr}"
        return run.stdout.strip()

    def commit(self, message, when=None):
        if when is None:
            self.clock += 60
            when = self.clock
        stamp = f"@{when} +0000"
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message,
                 env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})
        return self.head()

    def head(self):
        return self.git("rev-parse", "HEAD")

    def edit(self, old, new, name="example.com.yaml"):
        path = self.path / name
        text = path.read_text()
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1))
        return path


def copy_zones(dest):
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for f in ZONES.iterdir():
        if f.is_file():
            shutil.copy(f, dest / f.name)
    return dest


def line_col_of(path, needle):
    """1-based line and column of the first occurrence of needle in path."""
    for number, line in enumerate(Path(path).read_text().splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


# --- Prometheus text format ------------------------------------------------------------

_SAMPLE = re.compile(
    r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})?'
    r' (-?[0-9.eE+-]+|NaN|[+-]Inf)( -?[0-9]+)?$')
_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\.)*)"')


def parse_prometheus(text):
    """Checks the text exposition format; returns ({family: type}, [(name, labels, value)])."""
    types, samples = {}, []
    for number, line in enumerate(text.splitlines(), 1):
        if not line:
            continue
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ", 3)
            assert kind in ("counter", "gauge", "histogram", "summary", "untyped"), line
            assert name not in types, f"line {number}: second TYPE for {name}"
            types[name] = kind
            continue
        if line.startswith("#"):
            continue
        m = _SAMPLE.match(line)
        assert m, f"line {number} is not a Prometheus sample: {line!r}"
        labels = dict(_LABEL.findall(m.group(2) or ""))
        samples.append((m.group(1), labels, float(m.group(3))))
    for name, _, _ in samples:
        family = re.sub(r"(_bucket|_sum|_count)$", "", name)
        assert name in types or family in types, f"sample {name} has no TYPE line"
    return types, samples


def metric(samples, name, **labels):
    """The value of the one sample of `name` whose labels include `labels`."""
    found = [v for n, ls, v in samples
             if n == name and all(ls.get(k) == v2 for k, v2 in labels.items())]
    assert len(found) == 1, f"{name}{labels}: {len(found)} samples"
    return found[0]
