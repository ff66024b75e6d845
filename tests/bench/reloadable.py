"""The benchmark's servers, able to reload on request, and the tools the scale and
churn runs measure them with: a strict readiness probe, a memory sampler and a
client for flipdns-auth's control API.

Each server class extends its servers.py counterpart (same one-worker
configuration) with what a reload needs (Knot's control socket, NSD's
remote-control keys) and a reload() that returns once the new zone is served:

  flipdns-auth     --zones DIR with a failover group, --control, --state-dir;
                   POST /v1/reload, which answers when the swap is done
  flipdns-auth-zf  --zone-file ORIGIN=PATH, as bench.py runs it; SIGHUP, done
                   when the log says "zones reloaded"
  knot             knotc -b zone-reload (blocks until the zone is switched)
  nsd              nsd-control reload ORIGIN; done when the server processes
                   have been replaced (NSD forks a reload process, then new
                   servers)
  gdnsd            gdnsdctl reload-zones (answers when the reload is done)
"""
import http.client
import json
import os
import pathlib
import random
import resource
import secrets
import signal
import socket
import struct
import subprocess
import threading
import time

import servers
from bench import free_udp_tcp_port, tree  # noqa: F401  (re-exported for scale.py and churn.py)

PAGE_KB = resource.getpagesize() // 1024


# ---------------------------------------------------------------- /proc

def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""


def cpu_seconds(root_pid):
    """CPU time of a process tree: each process's own (its exited threads
    included, which /proc/PID/task would miss) and its reaped children's."""
    tck = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in tree(root_pid):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15]) / tck  # utime stime cutime cstime
    return total


def rss_statm_kb(pids):
    """RSS summed over pids from /proc/PID/statm: cheap enough to read every 10 ms
    (smaps_rollup walks the page tables: ~9 ms for a 600 MB process)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGE_KB
        except (OSError, IndexError, ValueError):
            continue
    return total


def smaps(pids, keys=("Rss", "Pss")):
    """{key: kB} summed over pids from /proc/PID/smaps_rollup."""
    total = dict.fromkeys(keys, 0)
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    k = line.split(":", 1)[0]
                    if k in total:
                        total[k] += int(line.split()[1])
        except OSError:
            continue
    return total


def hwm_kb(pids):
    """Sum of each process's peak RSS (VmHWM); an upper bound on the tree's peak."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def reset_hwm(pids):
    """Resets VmHWM to the current RSS (proc(5): clear_refs, value 5)."""
    for pid in pids:
        try:
            with open(f"/proc/{pid}/clear_refs", "w") as f:
                f.write("5")
        except OSError:
            continue


class MemSampler:
    """Samples the RSS of a process tree every `interval` s (statm) and its PSS
    every `pss_every` samples (smaps_rollup), on a thread, until stopped."""

    def __init__(self, root_pid, interval=0.01, pss_every=10):
        self.root = root_pid
        self.interval = interval
        self.pss_every = pss_every
        self.peak_rss_kb = 0
        self.peak_pss_kb = 0
        self.samples = 0
        self.max_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        next_at = time.monotonic()
        while not self._stop.is_set():
            pids = tree(self.root)
            self.max_processes = max(self.max_processes, len(pids))
            self.peak_rss_kb = max(self.peak_rss_kb, rss_statm_kb(pids))
            if self.samples % self.pss_every == 0:
                self.peak_pss_kb = max(self.peak_pss_kb, smaps(pids, ("Pss",))["Pss"])
            self.samples += 1
            next_at += self.interval
            self._stop.wait(max(0.0, next_at - time.monotonic()))


def steady_memory(root_pid, window=1.0, tolerance=0.01, deadline=15.0):
    """Polls RSS every 100 ms until it has stayed within `tolerance` for `window`
    seconds (or `deadline` passes), then returns smaps (Rss, Pss) of the tree."""
    start = time.monotonic()
    history = []
    while time.monotonic() - start < deadline:
        now = time.monotonic()
        history.append((now, rss_statm_kb(tree(root_pid))))
        recent = [r for t, r in history if now - t <= window]
        if now - start >= window and recent and max(recent) <= min(recent) * (1 + tolerance):
            break
        time.sleep(0.1)
    return smaps(tree(root_pid))


# ---------------------------------------------------------------- DNS

def _wire_name(name):
    return b"".join(bytes([len(label)]) + label.encode()
                    for label in name.rstrip(".").split(".")) + b"\0"


_QTYPES = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "MX": 15, "TXT": 16, "AAAA": 28}


def wait_answer(port, qname, qtype="A", timeout=300.0, pace=0.005, proc=None, attempt=0.05):
    """Seconds until the server gives a NOERROR answer with records for qname, or
    None at the deadline or when `proc` (a Popen) has exited. Stricter than
    bench.probe(): Knot answers (REFUSED) before its zone is loaded.

    A server busy loading queues the queries it is sent and answers them all at
    once later: every datagram waiting is read before the next query goes out
    (else each new query would only fetch an old answer and the backlog would
    never drain), and an answer to any query sent counts."""
    question = _wire_name(qname) + struct.pack("!HH", _QTYPES[qtype], 1)
    start = time.monotonic()
    sent = set()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        while time.monotonic() - start < timeout:
            if proc is not None and proc.poll() is not None:
                return None
            qid = random.randrange(65536)
            sent.add(qid)
            s.sendto(struct.pack("!HHHHHH", qid, 0, 1, 0, 0, 0) + question, ("127.0.0.1", port))
            until = time.monotonic() + attempt
            while (left := until - time.monotonic()) > 0:
                s.settimeout(left)
                try:
                    data, _ = s.recvfrom(4096)
                except socket.timeout:
                    break
                except ConnectionRefusedError:  # nothing bound to the port yet
                    time.sleep(pace)
                    break
                if len(data) < 12:
                    continue
                rid, flags, _qd, an = struct.unpack("!HHHH", data[:8])
                if rid in sent and flags & 0xF == 0 and an > 0:
                    return time.monotonic() - start
                if rid == qid:  # answered now, but not from the zone yet
                    time.sleep(pace)
                    break
    return None


# ---------------------------------------------------------------- control API

class Control:
    """flipdns-auth's control API over one kept-alive HTTP connection."""

    def __init__(self, port, token, timeout=600.0):
        self.port = port
        self.token = token
        self.timeout = timeout
        self.conn = None

    def request(self, method, path, body=None):
        """(status, body: parsed if JSON, else text, seconds for the round trip)."""
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"Bearer {self.token}"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                self.conn.connect()
            try:
                t0 = time.perf_counter()
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                raw = resp.read()
                took = time.perf_counter() - t0
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed the idle kept-alive connection (1 s); every
                # request made here is idempotent, so it is sent again.
                self.close()
                if attempt:
                    raise
        if "json" in (resp.getheader("Content-Type") or ""):
            return resp.status, (json.loads(raw) if raw else None), took
        return resp.status, raw.decode(errors="replace"), took

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def put_decision(self, group, pool, members, epoch):
        return self.request("PUT", f"/v1/decisions/{group}",
                            {"pool": pool, "members": members, "epoch": epoch})

    def reload(self):
        return self.request("POST", "/v1/reload")


# ---------------------------------------------------------------- servers

def _run(cmd, timeout):
    t0 = time.monotonic()
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))}: {res.stdout}{res.stderr}".strip())
    return time.monotonic() - t0


class FlipdnsYaml(servers.Flipdns):
    """flipdns-auth on a --zones directory, with the control listener and a
    state directory, as deployed."""
    name = "flipdns-auth"

    def __init__(self, work, zones_dir, origin, port, workers, binary=None):
        self.zones_dir = pathlib.Path(zones_dir).resolve()
        super().__init__(work, self.zones_dir / f"{origin}zone", origin, port, workers,
                         binary=binary)
        self.control_port = free_udp_tcp_port()
        self.token = secrets.token_hex(16)
        self.control = Control(self.control_port, self.token)

    def configure(self):
        token = self.dir / "control.token"
        token.write_text(self.token + "\n")
        token.chmod(0o600)
        (self.dir / "state").mkdir()

    def command(self):
        return [str(self.binary), "--listen", f"127.0.0.1:{self.port}",
                "--zones", str(self.zones_dir), "--state-dir", str(self.dir / "state"),
                "--control", f"127.0.0.1:{self.control_port}",
                "--control-token-file", str(self.dir / "control.token"),
                "--threads", str(self.workers)]

    def stop(self, timeout=15.0):
        self.control.close()
        super().stop(timeout)

    def reload(self, timeout=600.0):
        status, body, took = self.control.reload()
        if status != 200 or not body.get("ok"):
            raise RuntimeError(f"POST /v1/reload: {status} {body}")
        return took


class FlipdnsZoneFile(servers.Flipdns):
    """flipdns-auth on the master file alone (--zone-file), as bench.py runs it."""
    name = "flipdns-auth-zf"

    def _reloads_logged(self):
        text = (self.dir / "server.log").read_text(errors="replace")
        if '"reload failed' in text:
            raise RuntimeError(f"{self.name}: reload failed; see {self.dir / 'server.log'}")
        return text.count('"msg":"zones reloaded"')

    def reload(self, timeout=600.0):
        before = self._reloads_logged()
        t0 = time.monotonic()
        os.kill(self.proc.pid, signal.SIGHUP)
        while self._reloads_logged() == before:
            if time.monotonic() - t0 > timeout:
                raise RuntimeError(f"{self.name}: no 'zones reloaded' after {timeout} s")
            time.sleep(0.005)
        return time.monotonic() - t0


class KnotCtl(servers.Knot):
    def configure(self):
        super().configure()
        with open(self.dir / "knot.conf", "a") as f:
            f.write(f'control:\n    listen: "{self.dir}/knot.sock"\n')

    def reload(self, timeout=600.0):
        return _run(["knotc", "-c", str(self.dir / "knot.conf"), "-t", str(int(timeout)), "-b",
                     "zone-reload", self.origin], timeout + 5)


class NsdCtl(servers.Nsd):
    """NSD with remote-control (TLS keys made once by nsd-control-setup)."""

    def __init__(self, *args, keys=None, **kw):
        super().__init__(*args, **kw)
        self.keys = pathlib.Path(keys)
        self.control_port = free_udp_tcp_port()

    @staticmethod
    def make_keys(keys):
        keys = pathlib.Path(keys)
        if not (keys / "nsd_control.pem").exists():
            keys.mkdir(parents=True, exist_ok=True)
            _run(["nsd-control-setup", "-d", str(keys)], 120)
        return keys

    def configure(self):
        super().configure()
        conf = self.dir / "nsd.conf"
        k = self.keys
        conf.write_text(conf.read_text().replace("remote-control:\n  control-enable: no\n", f"""\
remote-control:
  control-enable: yes
  control-interface: 127.0.0.1
  control-port: {self.control_port}
  server-key-file: "{k}/nsd_server.key"
  server-cert-file: "{k}/nsd_server.pem"
  control-key-file: "{k}/nsd_control.key"
  control-cert-file: "{k}/nsd_control.pem"
"""))

    def _servers(self):
        return {p for p in tree(self.proc.pid) if comm(p).startswith("nsd: server")}

    def reload(self, timeout=600.0):
        old = self._servers()
        count = len(tree(self.proc.pid))
        t0 = time.monotonic()
        # NSD reloads a zone only when its file's mtime changed.
        os.utime(self.zone)
        _run(["nsd-control", "-c", str(self.dir / "nsd.conf"), "reload", self.origin], timeout)
        # Done when the server processes serving the old zone are all gone and
        # their replacements (forked after the new zone is read) are up.
        while True:
            now = self._servers()
            if now and not (now & old) and len(tree(self.proc.pid)) == count:
                return time.monotonic() - t0
            if time.monotonic() - t0 > timeout:
                raise RuntimeError(f"nsd: reload not done after {timeout} s")
            time.sleep(0.005)


class GdnsdCtl(servers.Gdnsd):
    def reload(self, timeout=300.0):
        os.utime(self.zone)  # gdnsd reloads changed files only
        return _run(["gdnsdctl", "-c", str(self.dir), "-t", str(int(min(timeout, 300))),
                     "reload-zones"], timeout + 5)
