// The decision engine's automatic rules: priority and min_healthy, members
// served, hold-down, failback, every pool down, cold start.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "controller/engine/decision_engine.h"
#include "controller/engine/decision_engine_fixture.h"

namespace flipdns::engine {
namespace {

using namespace fixture;

// ---- priority, min_healthy, members served ----

struct PriorityCase {
  const char* name;
  std::vector<std::string> down;  // everything else healthy
  std::string pool;
  Members members;
  bool all_down_alert;
};

class Priority : public ::testing::TestWithParam<PriorityCase> {};

TEST_P(Priority, HighestPoolWithMinHealthyIsServedWithItsHealthyMembers) {
  const PriorityCase& c = GetParam();
  GroupConfig g{"app.example.com.",
                {{"primary", {"a", "b", "c"}, 2}, {"standby", {"d", "e"}, 1}, {"spare", {"f"}, 0}},
                {.hold_down = 1h}};
  HealthMap h;
  for (const char* m : {"a", "b", "c", "d", "e", "f"}) h[m] = H::kHealthy;
  for (const std::string& m : c.down) h[m] = H::kUnhealthy;
  FakeClock clock;
  Evaluation e = evaluate(g, h, {}, initial_state(g), clock.stamp());
  EXPECT_EQ(e.next.decision.pool, c.pool);
  EXPECT_EQ(e.next.decision.members, c.members);
  EXPECT_EQ(has_alert(e, AlertKind::kAllPoolsDown), c.all_down_alert);
  EXPECT_FALSE(e.next.decision.members.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, Priority,
    ::testing::Values(
        PriorityCase{"all_healthy", {}, "primary", {"a", "b", "c"}, false},
        PriorityCase{"one_primary_down_subset", {"a"}, "primary", {"b", "c"}, false},
        PriorityCase{"primary_below_min_2", {"a", "b"}, "standby", {"d", "e"}, false},
        PriorityCase{"standby_subset", {"a", "b", "d"}, "standby", {"e"}, false},
        PriorityCase{"third_pool", {"a", "b", "d", "e"}, "spare", {"f"}, false},
        // Nothing eligible: stay on primary, with its one healthy member.
        PriorityCase{"all_below_min_keeps_pool", {"a", "b", "d", "e", "f"}, "primary", {"c"}, true},
        // Nothing healthy at all: stay on primary with the members it had.
        PriorityCase{
            "nothing_healthy", {"a", "b", "c", "d", "e", "f"}, "primary", {"a", "b", "c"}, true}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(Engine, ReasonNamesEachPoolAndItsCounts) {
  running_on("primary");
  set(H::kUnhealthy, {kP1, kP2});
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kPool);
  EXPECT_EQ(e.reason, "primary below min_healthy (0/2 healthy); standby healthy (1/1)");
  EXPECT_EQ(e.next.decision.reason, e.reason);
  EXPECT_EQ(e.actor, "controller");
  EXPECT_EQ(state.decision.members, Members{kS1});
}

TEST_F(Engine, MemberSetChangeOnTheSamePoolIsAChangeAndIgnoresHoldDown) {
  running_on("primary");
  state.last_flip = t();  // a flip just happened: hold-down is running
  set(H::kUnhealthy, {kP1});
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kMembers);
  EXPECT_EQ(state.decision.pool, "primary");
  EXPECT_EQ(state.decision.members, Members{kP2});
  EXPECT_EQ(e.reason, "primary healthy (1/2); served members: -192.0.2.10");
  EXPECT_EQ(state.last_flip, t());  // not a flip: hold-down does not restart

  clock.advance(1s);
  set(H::kHealthy, {kP1});
  e = eval();
  EXPECT_EQ(e.change, Change::kMembers);
  EXPECT_EQ(state.decision.members, (Members{kP1, kP2}));
  EXPECT_EQ(eval().change, Change::kNone);
}

TEST_F(Engine, SameMembersInAnotherOrderIsNoChange) {
  running_on("primary");
  state.decision.members = {kP2, kP1};  // as adopted from an auth server
  EXPECT_EQ(eval().change, Change::kNone);
}

TEST_F(Engine, EpochIsTheCallersAndIsEchoed) {
  running_on("primary");
  state.decision.epoch = 41;
  set(H::kUnhealthy, {kP1, kP2});
  Evaluation e = evaluate(group, health, overrides, state, clock.stamp());
  EXPECT_TRUE(e.changed());
  EXPECT_EQ(e.next.decision.epoch, 41u);
}

TEST_F(Engine, SameInputsGiveTheSameResult) {
  running_on("primary");
  set(H::kUnhealthy, {kP1, kP2});
  Evaluation a = evaluate(group, health, overrides, state, clock.stamp());
  Evaluation b = evaluate(group, health, overrides, state, clock.stamp());
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.change, b.change);
  EXPECT_EQ(a.next.decision.members, b.next.decision.members);
  EXPECT_EQ(a.next.last_flip, b.next.last_flip);
  EXPECT_EQ(a.wake_at, b.wake_at);
}

// ---- hold-down ----

TEST_F(Engine, FirstAutomaticFlipAfterStartIsNotDelayed) {
  group.policy.hold_down = 1h;
  running_on("primary");
  ASSERT_FALSE(state.last_flip.has_value());
  set(H::kUnhealthy, {kP1, kP2});
  EXPECT_EQ(eval().change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "standby");
  EXPECT_EQ(state.last_flip, t());
}

TEST_F(Engine, HoldDownBlocksASecondAutomaticFlipUntilItExpires) {
  group.policy = {.hold_down = 10s, .failback = Failback::kAuto, .failback_after = 0s};
  running_on("primary");
  set(H::kUnhealthy, {kP1, kP2});
  ASSERT_EQ(eval().change, Change::kPool);
  const MonoTime flipped = t();

  clock.advance(3s);
  set(H::kHealthy, {kP1, kP2});
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_EQ(state.decision.pool, "standby");
  EXPECT_EQ(e.reason,
            "hold-down: failback: primary healthy (2/2) for 0s (failback after 0s); "
            "flip to primary allowed in 7s");
  EXPECT_EQ(e.wake_at, flipped + 10s);

  clock.advance(6999ms);
  e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_NE(e.reason.find("allowed in 1ms"), std::string::npos) << e.reason;

  clock.advance(1ms);
  e = eval();
  EXPECT_EQ(e.change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "primary");
  EXPECT_EQ(state.last_flip, flipped + 10s);
  EXPECT_FALSE(e.wake_at.has_value());
}

TEST_F(Engine, HoldDownCountsFromThePreviousFlipEvenAFailover) {
  running_on("primary");
  state.last_flip = t() - 4s;  // the group flipped to primary 4 s ago
  set(H::kUnhealthy, {kP1, kP2});
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_EQ(e.reason,
            "hold-down: primary below min_healthy (0/2 healthy); standby healthy (1/1); "
            "flip to standby allowed in 6s");
  // Keep serving the last members rather than nothing, and say so.
  EXPECT_EQ(state.decision.members, (Members{kP1, kP2}));
  EXPECT_TRUE(has_alert(e, AlertKind::kNoHealthyMember));
  clock.advance(6s);
  EXPECT_EQ(eval().change, Change::kPool);
}

TEST_F(Engine, ZeroHoldDownNeverBlocks) {
  group.policy = {.hold_down = 0s, .failback = Failback::kAuto, .failback_after = 0s};
  running_on("primary");
  for (int i = 0; i < 3; ++i) {
    set(H::kUnhealthy, {kP1, kP2});
    EXPECT_EQ(eval().change, Change::kPool);
    set(H::kHealthy, {kP1, kP2});
    EXPECT_EQ(eval().change, Change::kPool);
  }
}

TEST_F(Engine, HoldDownUsesTheMonotonicClockNotWallTime) {
  running_on("primary");
  state.last_flip = t();
  clock.set_wall(clock.wall_now() + 24h);  // an NTP step forward
  set(H::kUnhealthy, {kP1, kP2});
  EXPECT_EQ(eval().change, Change::kNone);
}

// ---- failback ----

TEST_F(Engine, FailbackManualStaysUntilAnOperatorFlips) {
  running_on("primary");
  set(H::kUnhealthy, {kP1, kP2});
  ASSERT_EQ(eval().change, Change::kPool);
  set(H::kHealthy, {kP1, kP2});
  for (int i = 0; i < 5; ++i) {
    clock.advance(1h);
    Evaluation e = eval();
    EXPECT_EQ(e.change, Change::kNone);
    EXPECT_EQ(state.decision.pool, "standby");
    EXPECT_EQ(e.reason,
              "primary healthy (2/2); failback is manual: staying on standby until an operator "
              "flips; standby healthy (1/1)");
    EXPECT_FALSE(e.wake_at.has_value());
  }
  overrides.flip = ManualFlip{"primary", "alice", "primary repaired"};
  EXPECT_EQ(eval().change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "primary");
}

TEST_F(Engine, FailbackManualStillLeavesALowerPoolThatDies) {
  running_on("standby");
  set(H::kUnhealthy, {kS1});
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "primary");
  EXPECT_EQ(e.reason, "standby below min_healthy (0/1 healthy); primary healthy (2/2)");
}

TEST_F(Engine, FailbackAutoAfterTheBetterPoolHasBeenHealthyForTheDelay) {
  group.policy = {.hold_down = 0s, .failback = Failback::kAuto, .failback_after = 30s};
  running_on("primary");
  set(H::kUnhealthy, {kP1, kP2});
  ASSERT_EQ(eval().change, Change::kPool);
  clock.advance(5s);
  set(H::kHealthy, {kP1, kP2});
  const MonoTime back = t();
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_EQ(e.reason,
            "primary healthy (2/2) for 0s of the 30s failback needs; standby healthy (1/1)");
  EXPECT_EQ(e.wake_at, back + 30s);

  clock.advance(29999ms);
  EXPECT_EQ(eval().change, Change::kNone);
  clock.advance(1ms);
  e = eval();
  EXPECT_EQ(e.change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "primary");
  EXPECT_EQ(e.reason, "failback: primary healthy (2/2) for 30s (failback after 30s)");
}

TEST_F(Engine, FailbackAutoRestartsItsWaitWhenTheBetterPoolFlaps) {
  group.policy = {.hold_down = 0s, .failback = Failback::kAuto, .failback_after = 30s};
  running_on("primary");
  set(H::kUnhealthy, {kP1, kP2});
  ASSERT_EQ(eval().change, Change::kPool);

  set(H::kHealthy, {kP1});  // primary back (1/2 is enough)
  eval();
  clock.advance(20s);
  set(H::kUnhealthy, {kP1});  // flaps down...
  EXPECT_EQ(eval().change, Change::kNone);
  clock.advance(5s);
  set(H::kHealthy, {kP1});  // ...and up again: the 30 s start over
  const MonoTime back = t();
  EXPECT_EQ(eval().wake_at, back + 30s);
  clock.advance(25s);  // 50 s since it first came back, 25 s since the flap
  EXPECT_EQ(eval().change, Change::kNone);
  EXPECT_EQ(state.decision.pool, "standby");
  clock.advance(5s);
  EXPECT_EQ(eval().change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "primary");
}

TEST_F(Engine, FailbackAutoIsStillSubjectToHoldDown) {
  group.policy = {.hold_down = 60s, .failback = Failback::kAuto, .failback_after = 10s};
  running_on("primary");
  set(H::kUnhealthy, {kP1, kP2});
  ASSERT_EQ(eval().change, Change::kPool);
  const MonoTime flipped = t();
  set(H::kHealthy, {kP1, kP2});
  eval();
  clock.advance(10s);  // failback delay reached, hold-down not
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_EQ(e.wake_at, flipped + 60s);
  clock.advance(50s);
  EXPECT_EQ(eval().change, Change::kPool);
}

// ---- every pool down ----

TEST_F(Engine, AllPoolsDownKeepsTheLastDecisionAndAlerts) {
  running_on("primary");
  set(H::kUnhealthy, {kP1, kP2});
  ASSERT_EQ(eval().change, Change::kPool);
  clock.advance(1h);
  set(H::kUnhealthy, {kS1});
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_EQ(state.decision.pool, "standby");
  EXPECT_EQ(state.decision.members, Members{kS1});
  ASSERT_TRUE(has_alert(e, AlertKind::kAllPoolsDown));
  EXPECT_EQ(e.reason,
            "every pool below min_healthy (primary below min_healthy (0/2 healthy); standby below "
            "min_healthy (0/1 healthy)); keeping standby");
  EXPECT_EQ(e.alerts[0].message, e.reason);
  // Raised again on every evaluation while it holds.
  clock.advance(1s);
  EXPECT_TRUE(has_alert(eval(), AlertKind::kAllPoolsDown));
  // The first pool to recover is served again.
  set(H::kHealthy, {kP2});
  e = eval();
  EXPECT_EQ(e.change, Change::kPool);
  EXPECT_EQ(state.decision.members, Members{kP2});
  EXPECT_TRUE(e.alerts.empty());
}

// ---- cold start and the first decision ----

TEST_F(Engine, ColdStartMakesNoAutomaticFlipUntilEveryMemberIsEvaluated) {
  group.policy = {.hold_down = 0s, .failback = Failback::kAuto, .failback_after = 0s};
  // Restarted; adopted the auth servers' newest decision: standby, epoch 7.
  state = GroupState{};
  state.decision = {"standby", {kS1}, 7, "adopted"};
  set(H::kHealthy, {kP1});  // primary looks fine, but kP2 and kS1 are unknown
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kNone);
  EXPECT_EQ(e.reason,
            "cold start: waiting for the first health evaluation of 2 of 3 members; keeping "
            "standby");
  set(H::kHealthy, {kP2});
  EXPECT_EQ(eval().change, Change::kNone);
  set(H::kUnhealthy, {kS1});
  e = eval();
  EXPECT_EQ(e.change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "primary");
  EXPECT_TRUE(state.warmed_up);
  EXPECT_EQ(state.decision.epoch, 8u);
}

TEST_F(Engine, ColdStartIgnoresMembersAlreadyKnownDown) {
  state = GroupState{};
  state.decision = {"primary", {kP1, kP2}, 3, "adopted"};
  set(H::kUnhealthy, {kP1, kP2});  // kS1 unknown: no flip yet, not even a failover
  EXPECT_EQ(eval().change, Change::kNone);
  set(H::kHealthy, {kS1});
  EXPECT_EQ(eval().change, Change::kPool);  // first automatic flip, no hold-down
}

TEST_F(Engine, RestartWithHealthyMembersCausesNoFlip) {
  state = GroupState{};
  state.decision = {"standby", {kS1}, 12, "adopted"};  // failback manual
  for (const std::string& m : {kP1, kP2, kS1}) {
    clock.advance(1s);
    set(H::kHealthy, {m});
    EXPECT_EQ(eval().change, Change::kNone) << m;
  }
  EXPECT_TRUE(state.warmed_up);
  EXPECT_EQ(state.decision.epoch, 12u);
}

TEST_F(Engine, OperatorsCanActDuringColdStart) {
  state = GroupState{};
  state.decision = {"primary", {kP1, kP2}, 3, "adopted"};
  overrides.flip = ManualFlip{"standby", "alice", "we know"};
  EXPECT_EQ(eval().change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "standby");
}

TEST_F(Engine, AMemberAddedAfterWarmUpDoesNotFreezeTheGroup) {
  running_on("primary");
  group.pools[0].members.push_back("192.0.2.12");  // a reload; no health yet
  set(H::kUnhealthy, {kP1, kP2});
  EXPECT_EQ(eval().change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "standby");
}

TEST_F(Engine, NoDecisionYetStartsFromTheFirstPoolWithoutHoldingDown) {
  state = GroupState{};  // no auth server held a decision
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "primary");
  EXPECT_EQ(state.decision.members, (Members{kP1, kP2}));
  EXPECT_FALSE(state.last_flip.has_value());
  EXPECT_EQ(e.reason.rfind("no decision yet", 0), 0u) << e.reason;

  group.policy.hold_down = 1h;
  set(H::kUnhealthy, {kP1, kP2});
  set(H::kHealthy, {kS1});
  EXPECT_EQ(eval().change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "standby");
}

TEST_F(Engine, APoolRemovedByAReloadIsLeftWithoutHoldDown) {
  group =
      GroupConfig{"app.example.com.",
                  {{"primary", {kP1, kP2}, 1}, {"standby", {kS1}, 1}, {"old", {"203.0.113.9"}, 1}},
                  {.hold_down = 1h}};
  set(H::kHealthy, {kP1, kP2, kS1, "203.0.113.9"});
  state.warmed_up = true;
  state.decision = {"old", {"203.0.113.9"}, 5, "x"};
  state.last_flip = t();
  group.pools.pop_back();
  set(H::kUnhealthy, {kP1, kP2});
  Evaluation e = eval();
  EXPECT_EQ(e.change, Change::kPool);
  EXPECT_EQ(state.decision.pool, "standby");
  EXPECT_EQ(e.reason.rfind("pool old is no longer configured; ", 0), 0u) << e.reason;
}

TEST(InitialState, IsTheFirstPoolWithAllMembers) {
  GroupState s = initial_state(two_pools());
  EXPECT_EQ(s.decision.pool, "primary");
  EXPECT_EQ(s.decision.members, (Members{kP1, kP2}));
  EXPECT_EQ(s.decision.epoch, 0u);
  EXPECT_FALSE(s.warmed_up);
  EXPECT_FALSE(s.last_flip.has_value());
  EXPECT_TRUE(initial_state(GroupConfig{}).decision.pool.empty());
  EXPECT_EQ(evaluate(GroupConfig{}, {}, {}, {}, FakeClock().stamp()).reason, "group has no pools");
}

}  // namespace
}  // namespace flipdns::engine
