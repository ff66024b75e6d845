"""Operators through flipctl: flip, pin, unpin, and tokens that may not."""

import json

import pytest

from cluster import ACTOR, GROUP, PRIMARY, STANDBY, observe


def newest(cluster):
    return cluster.audit()[-1]


@pytest.mark.zone(interval="1s", rise=2, fall=3, hold_down="60s", failback="manual")
def test_flip_pin_unpin_change_the_answer_and_are_audited(cluster):
    cluster.wait_until_warm()
    cluster.wait_for_answer([PRIMARY])

    # A flip: served at once, audited with the operator as actor.
    run = cluster.flipctl("flip", "app.example.com", "standby", "--reason", "e2e drill")
    assert "standby" in run.stdout
    cluster.wait_for_answer([STANDBY], deadline=5)
    entry = newest(cluster)
    assert (entry["group"], entry["from"], entry["to"]) == (GROUP, "primary", "standby")
    assert "e2e drill" in entry["reason"]
    assert entry["actor"] == ACTOR, entry

    # A pin back to primary, with an expiry; a flip while pinned is refused.
    cluster.flipctl("pin", GROUP, "primary", "--for", "10m", "--reason", "e2e pin")
    cluster.wait_for_answer([PRIMARY], deadline=5)
    entry = newest(cluster)
    assert (entry["from"], entry["to"]) == ("standby", "primary")
    assert "e2e pin" in entry["reason"] and entry["actor"] == ACTOR, entry
    status = json.loads(cluster.flipctl("status", GROUP, "--json", token="read").stdout)
    assert status.get("pin") and status["pin"]["pool"] == "primary", status
    refused = cluster.flipctl("flip", GROUP, "standby", "--reason", "x", check=False)
    assert refused.returncode == 1, refused
    assert "409" in refused.stderr, refused.stderr
    assert cluster.answer() == [PRIMARY]

    # Unpin: audited; the group stays where the pin left it (primary, healthy).
    entries = len(cluster.audit())
    cluster.flipctl("unpin", GROUP)
    after = cluster.audit()
    assert len(after) > entries, "unpin left no audit entry"
    assert after[-1]["actor"] == ACTOR, after[-1]
    status = json.loads(cluster.flipctl("status", GROUP, "--json", token="read").stdout)
    assert not status.get("pin"), status
    observe(2.0, lambda: cluster.answer() == [PRIMARY] or pytest.fail("moved after unpin"))

    # The history table names the actor.
    table = cluster.flipctl("history", GROUP, token="read").stdout
    assert "e2e drill" in table and ACTOR in table


@pytest.mark.zone(interval="1s", rise=2, fall=3)
def test_no_token_or_a_read_token_cannot_flip(cluster):
    cluster.wait_for_answer([PRIMARY])
    before = cluster.audit()

    none = cluster.flipctl("flip", GROUP, "standby", "--reason", "x", token=None, check=False)
    assert none.returncode == 1, none
    assert "token missing or invalid" in none.stderr and "401" in none.stderr, none.stderr

    wrong = cluster.flipctl("flip", GROUP, "standby", "--reason", "x", token="not-a-token",
                            check=False)
    assert wrong.returncode == 1 and "401" in wrong.stderr, wrong.stderr

    read = cluster.flipctl("flip", GROUP, "standby", "--reason", "x", token="read", check=False)
    assert read.returncode == 1, read
    assert "this token may only read" in read.stderr and "403" in read.stderr, read.stderr

    pin = cluster.flipctl("pin", GROUP, "standby", "--for", "1m", token="read", check=False)
    assert pin.returncode == 1 and "403" in pin.stderr, pin.stderr
    unpin = cluster.flipctl("unpin", GROUP, token=None, check=False)
    assert unpin.returncode == 1 and "401" in unpin.stderr, unpin.stderr

    # A read token may read.
    assert cluster.flipctl("status", token="read").returncode == 0
    assert cluster.answer() == [PRIMARY]
    assert cluster.audit() == before
