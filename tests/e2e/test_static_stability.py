"""The data plane does not depend on the control plane: with the controller
dead flipdns-auth keeps answering the last decision (across its own restart),
and a controller restart changes nothing."""

import signal

import pytest

from cluster import PRIMARY, STANDBY, GROUP, observe
from harness import wait_for_dns


@pytest.mark.zone(interval="1s", rise=2, fall=3, hold_down="0s", failback="manual")
def test_auth_keeps_the_last_decision_without_a_controller(cluster):
    cluster.wait_until_warm()
    # A decision that is not the default one (the first pool), so that keeping
    # it cannot be mistaken for starting afresh.
    cluster.flipctl("flip", GROUP, "standby", "--reason", "before the controller dies")
    cluster.wait_for_answer([STANDBY], deadline=5)

    cluster.controller.stop(signal.SIGKILL)
    # The standby stack fails too: nobody is left to act on it.
    cluster.standby.fail()

    def standby_served():
        assert cluster.answer() == [STANDBY]

    observe(4.0, standby_served)

    # flipdns-auth restarts from its own disk: its first answer is the decision.
    cluster.restart_auth()
    wait_for_dns(cluster.auth, "127.0.0.1", cluster.auth.port)
    standby_served()


@pytest.mark.zone(interval="1s", rise=2, fall=3, hold_down="0s", failback="manual")
def test_controller_restart_causes_no_flip(cluster):
    cluster.wait_until_warm()
    cluster.flipctl("flip", GROUP, "standby", "--reason", "before the restart")
    cluster.wait_for_answer([STANDBY], deadline=5)
    before = cluster.audit()

    status = cluster.restart_controller()
    assert status == 0, f"controller did not exit 0 on SIGTERM: {cluster.controller.describe()}"

    def unchanged():
        assert cluster.answer() == [STANDBY]

    # Through cold start (every member's first rise/fall) and a little beyond.
    observe(2.0, unchanged)
    cluster.wait_until_warm()
    observe(2.0, unchanged)
    assert cluster.audit() == before

    # Nor after a hard kill.
    cluster.restart_controller(signal.SIGKILL)
    observe(2.0, unchanged)
    cluster.wait_until_warm()
    observe(2.0, unchanged)
    assert cluster.audit() == before
    assert PRIMARY not in cluster.answer()
