"""Epoch rules and refused requests: a rejected request changes nothing.

"Nothing" is checked where it shows: the decisions the API reports, the answer
dig gets, and the SOA serial.
"""

import pytest

from clients import dig
from flip_harness import APP, MAIL, decision, members, soa_serial


def served(auth):
    """Everything a refused request must leave as it was."""
    a = dig("127.0.0.1", auth.port, APP, "A")
    aaaa = dig("127.0.0.1", auth.port, APP, "AAAA")
    return {
        "decisions": auth.control.decisions(),
        "A": sorted(r[4] for r in a.records("ANSWER", "A")),
        "AAAA": sorted(r[4] for r in aaaa.records("ANSWER", "AAAA")),
        "serial": soa_serial(auth.port),
    }


@pytest.fixture
def flipped(auth):
    """The app group flipped to standby at epoch 10."""
    r = auth.control.put_decision(APP, decision("standby", 10))
    assert r.status == 200, r
    return auth


def test_older_epoch_is_refused_with_409_and_the_answer_stays(flipped):
    auth = flipped
    before = served(auth)
    assert before["A"] == ["198.51.100.10", "198.51.100.11"]
    for epoch in (9, 0):
        r = auth.control.put_decision(APP, decision("primary", epoch))
        assert r.status == 409, r
        assert served(auth) == before, f"a 409 for epoch {epoch} changed what is served"


def test_same_epoch_same_content_is_idempotent(flipped):
    auth = flipped
    before = served(auth)
    # Same content, written differently: other order, IPv6 spelt long.
    same = ["2001:0db8:0001:0000:0000:0000:0000:0010", "198.51.100.11", "198.51.100.10"]
    for body in (decision("standby", 10), decision("standby", 10, member_list=same)):
        r = auth.control.put_decision(APP, body)
        assert r.status == 200, r
        assert served(auth) == before, "a repeated decision changed what is served"


@pytest.mark.parametrize("body", [
    decision("primary", 10),
    decision("standby", 10, member_list=["198.51.100.10"]),
], ids=["other-pool", "fewer-members"])
def test_same_epoch_different_content_is_a_conflict(flipped, body):
    auth = flipped
    before = served(auth)
    r = auth.control.put_decision(APP, body)
    assert r.status == 409, r
    assert served(auth) == before


BAD_REQUESTS = [
    # (id, group in the URL, body, expected status)
    ("unknown-pool", APP, decision("dr", 11, member_list=["203.0.113.25"]), 400),
    ("member-of-another-pool", APP, decision("standby", 11, member_list=["192.0.2.10"]), 400),
    ("member-of-another-group", APP, decision("standby", 11, member_list=["198.51.100.25"]), 400),
    ("member-not-an-address", APP, decision("standby", 11, member_list=["app.example.net"]), 400),
    ("empty-members", APP, decision("standby", 11, member_list=[]), 400),
    ("negative-epoch", APP, {"pool": "primary", "members": members(APP, "primary"), "epoch": -1},
     400),
    ("epoch-not-a-number", APP,
     {"pool": "primary", "members": members(APP, "primary"), "epoch": "11"}, 400),
    ("no-epoch", APP, {"pool": "primary", "members": members(APP, "primary")}, 400),
    ("not-json", APP, "pool=primary", 400),
    ("unknown-group", "nope.example.com.", decision("primary", 11), 404),
    ("group-of-no-zone", "app.example.org.", decision("primary", 11), 404),
    ("static-name-not-a-group", "static.example.com.", decision("primary", 11), 404),
]


@pytest.mark.parametrize("group,body,status", [b[1:] for b in BAD_REQUESTS],
                         ids=[b[0] for b in BAD_REQUESTS])
def test_bad_request_changes_nothing(flipped, group, body, status):
    auth = flipped
    before = served(auth)
    r = auth.control.put_decision(group, body)
    assert r.status == status, r
    assert "error" in r.json(), r
    assert served(auth) == before


@pytest.mark.parametrize("headers,token", [
    ({}, None),
    ({}, "not-the-token"),
    ({"Authorization": "Basic dXNlcjpwYXNz"}, None),
    ({}, ""),
], ids=["no-token", "wrong-token", "basic-auth", "empty-token"])
def test_without_a_valid_token_401_and_nothing_changes(flipped, headers, token):
    auth = flipped
    before = served(auth)
    for method, path, body in (("PUT", f"/v1/decisions/{APP}", decision("primary", 11)),
                               ("PUT", f"/v1/decisions/{MAIL}", decision("dr", 1, group=MAIL)),
                               ("POST", "/v1/reload", None),
                               ("GET", "/v1/decisions", None),
                               ("GET", "/v1/status", None)):
        r = auth.control.request(method, path, body=body, token=token, headers=headers)
        assert r.status == 401, (method, path, r)
    assert served(auth) == before
    # The real token still works afterwards.
    assert auth.control.put_decision(APP, decision("primary", 11)).status == 200
