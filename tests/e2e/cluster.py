"""A whole flipdns on loopback for the end-to-end tests.

Two backends (deploy/demo/backend.py) stand for the primary and standby stacks
on 127.0.0.10 and 127.0.0.20; one flipdns-auth serves a zone with the failover
group app.example.com.; one flipdns-controller checks the backends and tells
flipdns-auth what to serve; flipctl is how the tests talk to the controller,
as an operator would. Every process is started here, waited for by polling
with a deadline and stopped by its PID (tests/system/harness.py conventions).

Binaries come from FLIPDNS_AUTH, FLIPDNS_CONTROLLER and FLIPCTL (ctest sets
them), else build/bin/.
"""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import dns.rdatatype

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "system"))

from harness import REPO, FlipdnsAuth, Server, free_port, poll_until, query  # noqa: E402

BACKEND_SCRIPT = REPO / "deploy" / "demo" / "backend.py"
PYTHON = "/usr/bin/python3"
PRIMARY = "127.0.0.10"
STANDBY = "127.0.0.20"
GROUP = "app.example.com."
OPERATOR_NAME = "e2e-operator"
ACTOR = f"operator:{OPERATOR_NAME}"  # controller/api/tokens.h
STARTUP_DEADLINE = 20.0


def binary(env_name, name):
    path = os.environ.get(env_name) or str(REPO / "build" / "bin" / name)
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"{name} not found at {path!r}: build it and set {env_name}")
    return path


def backend_port():
    """A TCP port free on both backend addresses."""
    for _ in range(100):
        with socket.socket() as s:
            s.bind((PRIMARY, 0))
            port = s.getsockname()[1]
        try:
            with socket.socket() as s:
                s.bind((STANDBY, port))
            return port
        except OSError:
            continue
    raise RuntimeError("no port free on both backend addresses")


def zone_yaml(port, interval="1s", timeout="500ms", rise=2, fall=3, hold_down="0s",
              failback="manual"):
    return f"""\
zone: example.com.
ttl: 300
soa: {{ mname: ns1.example.com., rname: hostmaster.example.com., minimum: 60 }}
ns: [ns1.example.com.]
records:
  - {{ name: ns1, type: A, value: 127.0.0.1 }}
groups:
  app:
    ttl: 1
    check: {{ type: http, port: {port}, path: /healthz, expect: [200],
             interval: {interval}, timeout: {timeout}, rise: {rise}, fall: {fall} }}
    policy: {{ hold_down: {hold_down}, failback: {failback} }}
    pools:
      - {{ name: primary, members: [{PRIMARY}] }}
      - {{ name: standby, members: [{STANDBY}] }}
"""


class Backend(Server):
    """One stack's health endpoint. fail()/heal() switch /healthz to 503/200;
    kill() stops it at once (connections refused); start() brings it back."""

    def __init__(self, workdir, name, address, port):
        self.address, self.port = address, port
        argv = [PYTHON, BACKEND_SCRIPT, "--listen", f"{address}:{port}", "--name", name]
        super().__init__(f"backend {name}", argv, workdir, Path(workdir) / f"backend-{name}.log")

    def healthz(self):
        try:
            with urllib.request.urlopen(f"http://{self.address}:{self.port}/healthz",
                                        timeout=0.5) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code
        except OSError:
            return None

    def start_and_wait(self):
        self.start()
        poll_until(lambda: self.healthz() == 200 or not self.alive(), STARTUP_DEADLINE,
                   what=f"{self.name} to answer")
        assert self.alive(), self.describe()
        return self

    def fail(self):
        self.send_signal(signal.SIGUSR1)

    def heal(self):
        self.send_signal(signal.SIGUSR2)

    def kill(self):
        """SIGKILL: the listening socket goes away with the process."""
        self.proc.kill()
        self.proc.wait(timeout=5)


class Controller(Server):
    def __init__(self, workdir, zones, auth_control_url, auth_token_file, tokens_file,
                 extra_args=()):
        workdir = Path(workdir)
        self.port = free_port(ipv6=False)
        self.url = f"http://127.0.0.1:{self.port}"
        self.state_dir = workdir / "controller-state"
        self.state_dir.mkdir(parents=True, exist_ok=True)
        argv = [binary("FLIPDNS_CONTROLLER", "flipdns-controller"),
                "--zones", zones, "--state-dir", self.state_dir,
                "--api", f"127.0.0.1:{self.port}", "--tokens-file", tokens_file,
                "--auth-server", auth_control_url, "--auth-token-file", auth_token_file,
                *extra_args]
        super().__init__("flipdns-controller", argv, workdir, workdir / "controller.log")

    def healthy(self):
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=0.5) as r:
                return r.status == 200
        except OSError:
            return False

    def start_and_wait(self):
        self.start()
        poll_until(lambda: self.healthy() or not self.alive(), STARTUP_DEADLINE,
                   what="flipdns-controller /healthz")
        assert self.alive(), self.describe()
        return self

    def log_records(self):
        records = []
        for line in self.log_text().splitlines():
            try:
                records.append(json.loads(line))
            except ValueError:
                pass
        return records


class Cluster:
    """Backends, flipdns-auth and flipdns-controller for one test."""

    def __init__(self, workdir, **zone):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.zone_params = zone
        self.backend_port = backend_port()
        self.zones = self.workdir / "zones"
        self.zones.mkdir(exist_ok=True)
        (self.zones / "example.com.yaml").write_text(zone_yaml(self.backend_port, **zone))

        self.operator_token = secrets.token_hex(16)
        self.read_token = secrets.token_hex(16)
        self.tokens_file = self.workdir / "tokens"
        # The operator's name is what the audit log records as the actor.
        self.tokens_file.write_text(f"operator {self.operator_token} {OPERATOR_NAME}\n"
                                    f"read {self.read_token} e2e-reader\n")
        self.auth_token_file = self.workdir / "auth.token"
        self.auth_token_file.write_text(secrets.token_hex(16) + "\n")

        self.primary = Backend(self.workdir, "primary", PRIMARY, self.backend_port)
        self.standby = Backend(self.workdir, "standby", STANDBY, self.backend_port)
        self.auth = self._new_auth()
        self.controller = None
        self._servers = []

    def _new_auth(self):
        self.auth_control_port = free_port(ipv6=False)
        state = self.workdir / "auth-state"
        state.mkdir(exist_ok=True)
        return FlipdnsAuth(
            self.workdir / "auth", zones={}, ipv6=False, zone_dir=self.zones,
            extra_args=["--zones", self.zones, "--state-dir", state,
                        "--control", f"127.0.0.1:{self.auth_control_port}",
                        "--control-token-file", self.auth_token_file])

    def new_controller(self):
        return Controller(self.workdir, self.zones, f"http://127.0.0.1:{self.auth_control_port}",
                          self.auth_token_file, self.tokens_file)

    def start(self):
        for server in (self.primary, self.standby, self.auth):
            self._servers.append(server)
            server.start_and_wait()
        self.controller = self.new_controller()
        self._servers.append(self.controller)
        self.controller.start_and_wait()
        return self

    def restart_controller(self, sig=signal.SIGTERM):
        status = self.controller.stop(sig)
        self.controller = self.new_controller()
        self._servers.append(self.controller)
        self.controller.start_and_wait()
        return status

    def restart_auth(self):
        """Stops flipdns-auth and starts it again on the same port and state."""
        status = self.auth.stop()
        port = self.auth.port
        self.auth = FlipdnsAuth(
            self.workdir / "auth", zones={}, ipv6=False, zone_dir=self.zones, port=port,
            extra_args=["--zones", self.zones, "--state-dir", self.workdir / "auth-state",
                        "--control", f"127.0.0.1:{self.auth_control_port}",
                        "--control-token-file", self.auth_token_file])
        self._servers.append(self.auth)
        self.auth.start()
        return status

    def stop(self):
        for server in reversed(self._servers):
            server.stop()

    def describe(self):
        return "\n".join(s.describe() for s in self._servers if s.proc is not None)

    # ---- DNS ----------------------------------------------------------------

    def answer(self, timeout=0.5):
        """The A addresses flipdns-auth gives for the group's name, sorted; None
        when it did not answer."""
        reply = query("127.0.0.1", self.auth.port, GROUP, "A", timeout=timeout)
        if reply is None:
            return None
        return sorted(rd.address for rrset in reply.answer
                      if rrset.rdtype == dns.rdatatype.A for rd in rrset)

    def wait_for_answer(self, addresses, deadline=10.0):
        want = sorted(addresses)
        poll_until(lambda: self.answer() == want, deadline, interval=0.01,
                   what=f"answer {want} (last: {self.answer()})")

    # ---- the controller, as operators see it ----------------------------------

    def flipctl(self, *args, token="operator", check=True):
        """Runs flipctl; token is "operator", "read", None (no token) or a literal."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("FLIPDNS_")}
        env["FLIPDNS_CONTROLLER"] = self.controller.url
        tokens = {"operator": self.operator_token, "read": self.read_token}
        if token is not None:
            env["FLIPDNS_TOKEN"] = tokens.get(token, token)
        run = subprocess.run([binary("FLIPCTL", "flipctl"), *map(str, args)], env=env,
                             capture_output=True, text=True, timeout=30)
        if check and run.returncode != 0:
            raise AssertionError(f"flipctl {' '.join(map(str, args))} exited {run.returncode}:\n"
                                 f"{run.stdout}{run.stderr}")
        return run

    def api(self, path, token="read"):
        tokens = {"operator": self.operator_token, "read": self.read_token}
        req = urllib.request.Request(self.controller.url + path,
                                     headers={"Authorization": f"Bearer {tokens[token]}"})
        with urllib.request.urlopen(req, timeout=5) as r:
            body = r.read().decode()
            return json.loads(body) if r.headers.get_content_type() == "application/json" \
                else body

    def metrics(self):
        req = urllib.request.Request(self.controller.url + "/metrics",
                                     headers={"Authorization": f"Bearer {self.read_token}"})
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.read().decode()

    def audit(self):
        """Every audit entry, oldest first (flipctl history gives newest first)."""
        out = self.flipctl("history", "--json", "--limit", "1000", token="read").stdout
        data = json.loads(out)
        entries = data if isinstance(data, list) else data.get("entries", [])
        return list(reversed(entries))

    def member_health(self):
        """Member address -> health word, as the controller reports it."""
        data = self.group_status()
        health = {}
        for pool in data.get("pools", []):
            for m in pool.get("members", []):
                if isinstance(m, dict):
                    health[m.get("address")] = m.get("health", m.get("state"))
        return health

    def wait_until_healthy(self, *addresses, deadline=15.0):
        poll_until(lambda: all(self.member_health().get(a) == "healthy" for a in addresses),
                   deadline, interval=0.1,
                   what=f"{addresses} healthy (now {self.member_health()})")

    def group_status(self):
        return json.loads(self.flipctl("status", GROUP, "--json", token="read").stdout)

    def wait_until_warm(self, deadline=15.0):
        """Cold start is over and both members are healthy."""
        poll_until(lambda: self.group_status().get("warmed_up") is True, deadline, interval=0.1,
                   what="the controller's cold start to end")
        self.wait_until_healthy(PRIMARY, STANDBY, deadline=deadline)


def flips(entries):
    """Audit entries that changed the group's pool."""
    return [e for e in entries if e.get("group") == GROUP and e.get("from") != e.get("to")]


def observe(duration, check, interval=0.02):
    """Calls check() for `duration` seconds (it asserts); returns how many times.
    Watching for something that must NOT happen has no earlier end."""
    end = time.monotonic() + duration
    n = 0
    while time.monotonic() < end:
        check()
        n += 1
        time.sleep(interval)
    return n
