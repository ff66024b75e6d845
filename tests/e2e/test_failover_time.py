"""How long from the primary stack dying to flipdns-auth answering with the standby.

Interval 1 s and fall 3 (with rise 2) must fail over in at most 4 s: the third
failed check comes at most ~3 s (plus jitter) after the stop, then the
decision is persisted and pushed. Repeated FLIPDNS_E2E_FAILOVER_RUNS times
(default 10); the median and maximum are printed for the issue note.
"""

import os
import statistics
import time

import pytest

from cluster import GROUP, PRIMARY, STANDBY  # first: puts tests/system on sys.path
from clients import dig  # noqa: E402

RUNS = int(os.environ.get("FLIPDNS_E2E_FAILOVER_RUNS", "10"))
LIMIT = 4.0


@pytest.mark.zone(interval="1s", timeout="500ms", rise=2, fall=3, hold_down="0s",
                  failback="manual")
def test_failover_time(cluster):
    cluster.wait_until_warm()
    cluster.wait_for_answer([PRIMARY])
    times = []
    for run in range(RUNS):
        if run > 0:
            # Back to a healthy primary, served: restart it, let the checks see
            # it healthy, flip back by hand (failback is manual).
            cluster.primary.start_and_wait()
            cluster.wait_until_healthy(PRIMARY)
            cluster.flipctl("flip", GROUP, "primary", "--reason", f"failover-time run {run}")
            cluster.wait_for_answer([PRIMARY])
        start = time.monotonic()
        cluster.primary.kill()
        cluster.wait_for_answer([STANDBY], deadline=LIMIT + 6)
        times.append(time.monotonic() - start)

    # The answer dig sees, too (not only dnspython's).
    seen = dig("127.0.0.1", cluster.auth.port, GROUP, "A")
    assert [r[4] for r in seen.records("ANSWER", "A")] == [STANDBY]

    print(f"\nfailover time over {RUNS} runs (interval 1s, fall 3): "
          f"median {statistics.median(times):.2f} s, max {max(times):.2f} s, "
          f"min {min(times):.2f} s; each: {', '.join(f'{t:.2f}' for t in times)}")
    assert max(times) <= LIMIT, f"failover took {max(times):.2f} s (limit {LIMIT} s): {times}"
