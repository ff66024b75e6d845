// The decision engine under operator overrides: manual flip, pin, unpin.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "controller/engine/decision_engine.h"
#include "controller/engine/decision_engine_fixture.h"

namespace flipdns::engine {
namespace {

using namespace fixture;

// ---- manual flip ----

TEST_F(Engine, ManualFlipIsImmediateThenAutomaticContinuesUnderHoldDown) {
  group.policy = {.hold_down = 10s, .failback = Failback::kAuto, .failback_after = 0s};
  running_on("primary");
  state.last_flip = t() - 1s;  // hold-down running: a manual flip ignores it
  overrides.flip = ManualFlip{"standby", "alice", "primary maintenance"};
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "standby");
  EXPECT_EQ(e.actor, "alice");
  EXPECT_EQ(e.reason,
            "manual flip to standby by alice: primary maintenance; standby healthy (1/1)");
  const MonoTime flipped = t();
  EXPECT_EQ(state.last_flip, flipped);

  // Not a pin: automatic failback (policy auto, 0 s) takes it back, once the
  // hold-down that the manual flip started has passed.
  clock.advance(1s);
  e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_EQ(e.actor, "controller");
  EXPECT_EQ(e.wake_at, flipped + 10s);
  clock.advance(9s);
  EXPECT_EQ(eval().change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "primary");
}

TEST_F(Engine, ManualFlipStaysWhenFailbackIsManual) {
  running_on("primary");
  overrides.flip = ManualFlip{"standby", "alice", "drill"};
  ASSERT_EQ(eval().change, Change::kPool);
  clock.advance(1h);
  EXPECT_EQ(eval().change, Change::kNone);
  EXPECT_EQ(state.decision.pool, "standby");
}

// A flip to a pool with no healthy member is allowed (the checks may be what is
// wrong) but is said and alerted; as it is not a pin, automatic decisions move
// off it again once hold-down allows.
TEST_F(Engine, ManualFlipToADownPoolServesAllItsMembersAndAlerts) {
  running_on("primary");
  set(H::kUnhealthy, {kS1});
  overrides.flip = ManualFlip{"standby", "bob", "test the standby"};
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kPool);
  EXPECT_EQ(state.decision.members, Members{kS1});
  EXPECT_EQ(e.reason,
            "manual flip to standby by bob: test the standby; standby below min_healthy (0/1 "
            "healthy); no healthy member, serving all 1");
  ASSERT_TRUE(has_alert(e, AlertKind::kNoHealthyMember));
  clock.advance(9s);
  EXPECT_EQ(eval().change, Change::kNone);
  clock.advance(1s);
  EXPECT_EQ(eval().change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "primary");
}

TEST_F(Engine, ManualFlipToTheActivePoolChangesNothing) {
  running_on("primary");
  overrides.flip = ManualFlip{"primary", "alice", "just checking"};
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_FALSE(state.last_flip.has_value());
}

TEST_F(Engine, OverridesNamingAnUnknownPoolAreIgnoredWithAnAlert) {
  running_on("primary");
  overrides.flip = ManualFlip{"tertiary", "alice", "typo"};
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_TRUE(has_alert(e, AlertKind::kUnknownPool));
  overrides.pin = Pin{"tertiary", clock.wall_now() + 1h, "alice", "typo"};
  e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_TRUE(has_alert(e, AlertKind::kUnknownPool));
  EXPECT_EQ(state.decision.pool, "primary");
}

// ---- pin ----

TEST_F(Engine, PinHoldsAgainstHealth) {
  group.policy = {.hold_down = 0s, .failback = Failback::kAuto, .failback_after = 0s};
  running_on("primary");
  const WallTime until = clock.wall_now() + 30min;
  overrides.pin = Pin{"standby", until, "carol", "db migration"};
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kPool);
  EXPECT_EQ(e.actor, "carol");
  EXPECT_EQ(e.reason,
            "pinned to standby until 2024-01-01T00:30:00Z by carol: db migration; standby healthy "
            "(1/1)");
  EXPECT_EQ(e.wake_at, t() + 30min);
  EXPECT_TRUE(state.pinned);

  // Standby dies, primary is perfect: the pin still holds, with all of
  // standby's members, said and alerted.
  clock.advance(10min);
  set(H::kUnhealthy, {kS1});
  e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_EQ(state.decision.pool, "standby");
  EXPECT_EQ(state.decision.members, Members{kS1});
  EXPECT_TRUE(has_alert(e, AlertKind::kNoHealthyMember));
  EXPECT_NE(e.reason.find("no healthy member, serving all 1"), std::string::npos) << e.reason;
}

TEST_F(Engine, PinnedPoolServesItsHealthyMembersOnly) {
  running_on("primary");
  set(H::kUnhealthy, {kP1});
  overrides.pin = Pin{"primary", clock.wall_now() + 1h, "carol", "hold"};
  Evaluation e = eval();
  EXPECT_EQ(state.decision.members, Members{kP2});
  EXPECT_TRUE(e.alerts.empty());
}

TEST_F(Engine, ManualFlipWhilePinnedIsIgnoredWithAnAlert) {
  running_on("primary");
  overrides.pin = Pin{"standby", clock.wall_now() + 1h, "carol", "hold"};
  eval();
  overrides.flip = ManualFlip{"primary", "alice", "go back"};
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_EQ(state.decision.pool, "standby");
  ASSERT_TRUE(has_alert(e, AlertKind::kFlipIgnored));
}

TEST_F(Engine, PinExpiresAndAutomaticDecisionsResume) {
  running_on("primary");
  overrides.pin = Pin{"standby", clock.wall_now() + 30min, "carol", "migration"};
  eval();
  set(H::kUnhealthy, {kS1});
  clock.advance(30min - 1ms);
  EXPECT_EQ(eval().change, Change::kNone);
  clock.advance(1ms);
  Evaluation e = eval();
  EXPECT_TRUE(e.pin_expired);
  EXPECT_FALSE(state.pinned);
  EXPECT_EQ(e.change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "primary");
  EXPECT_EQ(e.actor, "controller");
  EXPECT_EQ(e.reason,
            "pin to standby expired at 2024-01-01T00:30:00Z; standby below min_healthy (0/1 "
            "healthy); primary healthy (2/2)");
}

TEST_F(Engine, APinForeverDoesNotOverflowTheWakeUp) {
  running_on("primary");
  overrides.pin = Pin{"standby", WallTime::max(), "carol", "until further notice"};
  Evaluation e = eval();
  EXPECT_EQ(state.decision.pool, "standby");
  ASSERT_TRUE(e.wake_at.has_value());
  EXPECT_GT(*e.wake_at, t() + 24h * 365 * 50);
}

TEST_F(Engine, PinExpiryFollowsWallTime) {
  running_on("primary");
  overrides.pin = Pin{"standby", clock.wall_now() + 30min, "carol", "migration"};
  eval();
  clock.set_wall(clock.wall_now() + 31min);
  EXPECT_TRUE(eval().pin_expired);
}

TEST_F(Engine, UnpinResumesAutomaticDecisionsUnderHoldDown) {
  running_on("primary");
  overrides.pin = Pin{"standby", clock.wall_now() + 1h, "carol", "migration"};
  eval();
  const MonoTime pinned_at = t();
  set(H::kUnhealthy, {kS1});
  clock.advance(2s);
  overrides.pin.reset();  // DELETE /pin
  Evaluation e = eval();
  EXPECT_FALSE(state.pinned);
  EXPECT_FALSE(e.pin_expired);
  EXPECT_EQ(e.change, Change::kNone);  // the pin's own flip started the hold-down
  EXPECT_EQ(e.reason.rfind("pin removed; hold-down: ", 0), 0u) << e.reason;
  EXPECT_EQ(e.wake_at, pinned_at + 10s);
  clock.advance(8s);
  e = eval();
  EXPECT_EQ(e.change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "primary");
  EXPECT_EQ(e.reason, "standby below min_healthy (0/1 healthy); primary healthy (2/2)");
}

TEST_F(Engine, UnpinWithManualFailbackStaysOnAHealthyPinnedPool) {
  running_on("primary");
  overrides.pin = Pin{"standby", clock.wall_now() + 1h, "carol", "migration"};
  eval();
  clock.advance(1h - 1s);
  overrides.pin.reset();
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_EQ(state.decision.pool, "standby");
}

}  // namespace
}  // namespace flipdns::engine
