"""How to configure, start and stop each server the benchmark compares.

Each server gets a private directory under the work dir, listens on 127.0.0.1 at
one high port, and runs in the foreground as a child of the benchmark so that it
can be measured (/proc) and stopped by its PID.
"""
import os
import pathlib
import shutil
import signal
import subprocess
import time


class Server:
    name = "?"

    def __init__(self, work, zone, origin, port, workers):
        self.dir = pathlib.Path(work) / self.name
        self.zone = pathlib.Path(zone).resolve()
        self.origin = origin
        self.port = port
        self.workers = workers
        self.proc = None

    def available(self):
        return shutil.which(self.command()[0]) is not None

    def prepare(self):
        if self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True)
        self.configure()

    def configure(self):
        pass

    def command(self):
        raise NotImplementedError

    def start(self, cpus=None):
        cmd = self.command()
        if cpus is not None:
            cmd = ["taskset", "-c", cpus] + cmd
        self.log = open(self.dir / "server.log", "ab")
        # A new session: the server and any children it forks are one group
        # that stop() can signal without touching anything else.
        self.proc = subprocess.Popen(cmd, cwd=self.dir, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        return self.proc.pid

    def stop(self, timeout=15.0):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        # Forked children (NSD's) may outlive the parent by a moment.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.killpg(self.proc.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.log.close()
        self.proc = None


class Nsd(Server):
    name = "nsd"

    def command(self):
        return ["nsd", "-d", "-c", str(self.dir / "nsd.conf")]

    def configure(self):
        d = self.dir
        # minimal-responses and rrl-ratelimit: 0 because Debian's NSD enables
        # rate limiting, which a benchmark from one address would trip.
        (d / "nsd.conf").write_text(f"""server:
  ip-address: 127.0.0.1@{self.port}
  server-count: {self.workers}
  reuseport: {"yes" if self.workers > 1 else "no"}
  username: ""
  chroot: ""
  database: ""
  zonesdir: "{d}"
  zonelistfile: "{d}/zone.list"
  xfrdfile: "{d}/xfrd.state"
  xfrdir: "{d}"
  pidfile: "{d}/nsd.pid"
  verbosity: 1
  minimal-responses: yes
  rrl-ratelimit: 0
  refuse-any: no
  hide-version: yes
remote-control:
  control-enable: no
zone:
  name: {self.origin}
  zonefile: "{self.zone}"
""")


class Knot(Server):
    name = "knot"

    def command(self):
        return ["knotd", "-c", str(self.dir / "knot.conf")]

    def configure(self):
        d = self.dir
        (d / "db").mkdir()
        (d / "knot.conf").write_text(f"""server:
    rundir: "{d}"
    listen: 127.0.0.1@{self.port}
    udp-workers: {self.workers}
    tcp-workers: 1
    background-workers: 1
log:
  - target: stderr
    any: warning
database:
    storage: "{d}/db"
template:
  - id: default
    storage: "{d}"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
  - domain: {self.origin}
    file: "{self.zone}"
""")


class Gdnsd(Server):
    name = "gdnsd"

    def command(self):
        return ["gdnsd", "-c", str(self.dir), "start"]

    def configure(self):
        d = self.dir
        # gdnsd runs unprivileged on a high port given its own run and state
        # directories; zones are files named after the zone in DIR/zones.
        (d / "zones").mkdir()
        (d / "zones" / self.origin.rstrip(".")).symlink_to(self.zone)
        (d / "config").write_text(f"""options => {{
  listen => [ 127.0.0.1:{self.port} ]
  udp_threads => {self.workers}
  tcp_threads => 1
  run_dir => {d}/run
  state_dir => {d}/state
}}
""")


class Flipdns(Server):
    name = "flipdns-auth"

    def __init__(self, *args, binary=None, **kw):
        self.binary = binary
        super().__init__(*args, **kw)

    def available(self):
        return self.binary is not None and os.access(self.binary, os.X_OK)

    def command(self):
        return [str(self.binary), "--listen", f"127.0.0.1:{self.port}",
                "--zone-file", f"{self.origin}={self.zone}", "--threads", str(self.workers)]


ALL = {"nsd": Nsd, "knot": Knot, "gdnsd": Gdnsd, "flipdns-auth": Flipdns}
