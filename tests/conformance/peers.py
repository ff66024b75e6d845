"""NSD and Knot DNS, configured like flipdns-auth, as reference servers.

Both serve the same zone files from the same directory with minimal responses,
no rate limiting, ANY answered, and CHAOS identity/version hidden (flipdns-auth
refuses those unless --identity is set).
"""

from pathlib import Path

from harness import TEST_ZONES, Server


def nsd_server(workdir, zone_dir, port):
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    zones = "".join(
        f"zone:\n  name: {origin}\n  zonefile: {name}\n" for origin, name in TEST_ZONES.items()
    )
    conf = f"""server:
  ip-address: 127.0.0.1@{port}
  port: {port}
  username: ""
  chroot: ""
  zonesdir: "{zone_dir}"
  database: ""
  pidfile: "{workdir}/nsd.pid"
  xfrdfile: "{workdir}/xfrd.state"
  xfrdir: "{workdir}"
  zonelistfile: "{workdir}/zone.list"
  logfile: "{workdir}/nsd.log"
  server-count: 1
  minimal-responses: yes
  refuse-any: no
  rrl-ratelimit: 0
  hide-version: yes
  hide-identity: yes
  zonefiles-write: 0
  verbosity: 1
remote-control:
  control-enable: no
{zones}"""
    path = workdir / "nsd.conf"
    path.write_text(conf)
    return Server("nsd", ["nsd", "-d", "-c", path], zone_dir, workdir / "nsd.out")


def knot_server(workdir, zone_dir, port):
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    zones = "".join(
        f"  - domain: {origin}\n    file: {name}\n" for origin, name in TEST_ZONES.items()
    )
    # knotd runs as whoever starts it when `user` is unset (root included).
    conf = f"""server:
  rundir: "{workdir}"
  listen: [ "127.0.0.1@{port}" ]
  identity: ""
  version: ""
  udp-workers: 1
  tcp-workers: 1
  background-workers: 1
database:
  storage: "{workdir}/db"
log:
  - target: stderr
    any: notice
template:
  - id: default
    storage: "{zone_dir}"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
{zones}"""
    path = workdir / "knot.conf"
    path.write_text(conf)
    return Server("knot", ["knotd", "-c", path], zone_dir, workdir / "knot.out")
