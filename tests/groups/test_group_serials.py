"""The SOA serial rises (RFC 1982) on every change of served data.

Issue 3: "The SOA serial increases (RFC 1982 arithmetic) on every change of
served data, reload or decision". Secondaries (NSD, Knot, BIND over AXFR/IXFR)
only fetch a zone whose serial went up, so a change under an unchanged or lower
serial never reaches them. These cases go beyond "flip, then reload a later
commit", which test_group_answers.py and test_group_reload.py cover.
"""

import os

import dns.rcode

from flip_harness import API, APP, addresses, copy_zones, decision, serial_gt, soa_serial


def test_every_flip_raises_the_serial(auth):
    serials = [soa_serial(auth.port)]
    for epoch, pool in enumerate(["standby", "primary", "standby", "primary"], start=1):
        assert auth.control.put_decision(APP, decision(pool, epoch)).status == 200
        serials.append(soa_serial(auth.port))
    for a, b in zip(serials, serials[1:]):
        assert serial_gt(b, a), serials


def test_commit_in_the_same_second_as_the_last_one_raises_the_serial(start_auth, zone_repo):
    auth = start_auth(zone_dir=zone_repo.path)
    before = soa_serial(auth.port)
    # A second commit within the same second (CI merging two changes, an amend).
    same_second = int(zone_repo.git("log", "-1", "--format=%ct"))
    zone_repo.edit("value: 203.0.113.1 }", "value: 203.0.113.4 }")
    zone_repo.commit("change static", when=same_second)
    r = auth.control.reload()
    assert r.status == 200, r
    assert addresses(auth.port, "static.example.com.") == (dns.rcode.NOERROR, ["203.0.113.4"])
    after = soa_serial(auth.port)
    assert serial_gt(after, before), (
        f"served data changed but the serial went {before} -> {after}")


def test_edit_in_the_same_second_without_git_raises_the_serial(start_auth, tmp_path):
    zones = copy_zones(tmp_path / "plain-zones")  # "DIR need not be a git checkout"
    path = zones / "example.com.yaml"
    stamp = (path.stat().st_atime, path.stat().st_mtime)
    auth = start_auth(zone_dir=zones)
    before = soa_serial(auth.port)
    path.write_text(path.read_text().replace("value: 203.0.113.1 }", "value: 203.0.113.5 }"))
    os.utime(path, stamp)  # the edit lands within the same second as the file it replaces
    r = auth.control.reload()
    assert r.status == 200, r
    assert addresses(auth.port, "static.example.com.") == (dns.rcode.NOERROR, ["203.0.113.5"])
    after = soa_serial(auth.port)
    assert serial_gt(after, before), (
        f"served data changed but the serial went {before} -> {after}")


def test_removing_a_group_with_a_high_epoch_does_not_lower_the_serial(start_auth, zone_repo):
    auth = start_auth(zone_dir=zone_repo.path)
    # A controller using etcd revisions as epochs (DESIGN.md) sends large ones.
    assert auth.control.put_decision(API, decision("standby", 1_000_000, group=API)).status == 200
    before = soa_serial(auth.port)
    zone_repo.edit(
        "  api:\n"
        "    check: { type: https, port: 443, path: /healthz }\n"
        "    pools:\n"
        "      - { name: primary, members: [192.0.2.20] }\n"
        "      - { name: standby, members: [198.51.100.20] }\n", "")
    zone_repo.commit("retire the api group")  # a minute after the last commit
    r = auth.control.reload()
    assert r.status == 200, r
    assert addresses(auth.port, API)[0] == dns.rcode.NXDOMAIN
    after = soa_serial(auth.port)
    assert serial_gt(after, before), (
        f"served data changed but the serial went {before} -> {after}")

