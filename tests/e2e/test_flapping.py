"""A primary flapping up 2 s / down 2 s: hold-down bounds the flips.

Rise 2 and fall 2 with a 1 s interval make each 2 s phase long enough to move
the member, and failback auto (after 0 s) would follow it back and forth every
few seconds; only the 8 s hold-down stands in the way. Checks are jittered, so
how many flips happen varies: the test asserts at least the first (the
flapping was seen), at most what the hold-down allows over the window, and
that consecutive flips are at least a hold-down apart.
"""

import datetime
import time

import pytest

from cluster import PRIMARY, STANDBY, flips

HOLD_DOWN = 8.0
WINDOW = 20.0
PHASE = 2.0


def wall(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


@pytest.mark.zone(interval="1s", timeout="500ms", rise=2, fall=2, hold_down="8s",
                  failback={"mode": "auto", "after": "0s"})
def test_flapping_primary_flips_no_more_than_hold_down_allows(cluster):
    cluster.wait_until_warm()
    cluster.wait_for_answer([PRIMARY])
    before = len(cluster.audit())

    start = time.monotonic()
    failing = False
    next_toggle = start
    answers = set()
    while time.monotonic() - start < WINDOW:
        if time.monotonic() >= next_toggle:
            failing = not failing
            (cluster.primary.fail if failing else cluster.primary.heal)()
            next_toggle += PHASE
        answer = cluster.answer()
        assert answer, f"empty or no answer while flapping: {answer!r}"
        answers.add(tuple(answer))
        time.sleep(0.05)
    cluster.primary.heal()

    changes = flips(cluster.audit()[before:])
    times = [wall(e["time"]) for e in changes]
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    print(f"\nflapping: {len(changes)} flips in {WINDOW:.0f} s (hold-down {HOLD_DOWN:.0f} s): "
          + ", ".join(f"{e['from']}->{e['to']}" for e in changes)
          + "; gaps " + ", ".join(f"{g:.1f} s" for g in gaps))
    assert changes, "the primary failed for 2 s with fall 2 and nothing flipped"
    assert all(e.get("actor") == "controller" for e in changes), changes
    assert len(changes) <= 1 + int(WINDOW // HOLD_DOWN), changes
    # Audit times may be whole seconds: allow one second of rounding.
    assert all(gap >= HOLD_DOWN - 1.0 for gap in gaps), (gaps, changes)
    assert answers <= {(PRIMARY,), (STANDBY,)}, answers
