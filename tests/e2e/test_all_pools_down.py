"""Every pool down: the last decision stays (answers never go empty) and an
alert is raised, in the controller's log, its /metrics and the group's status."""

import json

import pytest

from cluster import GROUP, PRIMARY, STANDBY, flips, observe
from harness import poll_until

ALERT = "all_pools_down"


def alert_logged(cluster):
    return any(r.get("msg") == "alert" and r.get("kind") == ALERT and r.get("group") == GROUP
               for r in cluster.controller.log_records())


def alert_exported(cluster):
    # flipdns_controller_alert_active{group="app.example.com.",kind="all_pools_down"} 1
    for line in cluster.metrics().splitlines():
        if (line.startswith("flipdns_controller_alert_active{") and f'kind="{ALERT}"' in line
                and f'group="{GROUP}"' in line):
            return float(line.rsplit(" ", 1)[1]) == 1
    return False


def alert_in_status(cluster):
    status = json.loads(cluster.flipctl("status", GROUP, "--json", token="read").stdout)
    return any(a.get("kind") == ALERT for a in status.get("alerts", []))


@pytest.mark.zone(interval="1s", timeout="500ms", rise=2, fall=3, hold_down="0s")
def test_every_pool_down_keeps_the_last_decision_and_alerts(cluster):
    cluster.wait_until_warm()
    cluster.wait_for_answer([PRIMARY])
    before = cluster.audit()

    # The standby first, seen down by the controller, so that the primary's
    # failure finds no pool to go to (failing both at once could race).
    cluster.standby.fail()
    poll_until(lambda: cluster.member_health().get(STANDBY) == "unhealthy", 10, interval=0.1,
               what="the standby seen unhealthy")
    assert cluster.answer() == [PRIMARY]
    cluster.primary.fail()

    def still_primary():
        assert cluster.answer() == [PRIMARY]

    def alerted_while_still_primary():
        still_primary()  # while the members go down: never empty, never another pool
        return alert_logged(cluster)

    poll_until(alerted_while_still_primary, 15, interval=0.1,
               what=f"an {ALERT} alert in the controller's log")
    assert alert_exported(cluster), cluster.metrics()
    assert alert_in_status(cluster)
    observe(3.0, still_primary)
    assert "alert" in cluster.flipctl("status", token="read").stdout
    assert flips(cluster.audit()[len(before):]) == []

    # The primary comes back: served again (it never stopped being), alert cleared.
    cluster.primary.heal()
    poll_until(lambda: not alert_exported(cluster), 10, interval=0.1, what="the alert to clear")
    still_primary()
