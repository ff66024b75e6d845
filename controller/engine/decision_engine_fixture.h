// The decision engine's test fixture, shared by the tests of its automatic
// rules and of its operator overrides.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "controller/engine/decision_engine.h"

namespace flipdns::engine::fixture {

using namespace std::chrono_literals;
using H = HealthState;
using Members = std::vector<std::string>;

inline const std::string kP1 = "192.0.2.10", kP2 = "192.0.2.11", kS1 = "198.51.100.10";

inline GroupConfig two_pools(Policy policy = {.hold_down = 10s, .failback = Failback::kManual}) {
  return {"app.example.com.", {{"primary", {kP1, kP2}, 1}, {"standby", {kS1}, 1}}, policy};
}

inline bool has_alert(const Evaluation& e, AlertKind k) {
  for (const Alert& a : e.alerts) {
    if (a.kind == k) return true;
  }
  return false;
}

// Plays the controller's part: keeps the state, gives each change a new epoch,
// drops a manual flip once evaluated and a pin once it expired.
class Engine : public ::testing::Test {
 protected:
  Evaluation eval() {
    Evaluation e = evaluate(group, health, overrides, state, clock.stamp());
    state = e.next;
    if (e.changed()) ++state.decision.epoch;
    overrides.flip.reset();
    if (e.pin_expired) overrides.pin.reset();
    return e;
  }
  void set(H h, std::initializer_list<std::string> members) {
    for (const std::string& m : members) health[m] = h;
  }
  // A controller that has run a while: everything evaluated, serving `pool`.
  void running_on(const std::string& pool) {
    set(H::kHealthy, {kP1, kP2, kS1});
    state = initial_state(group);
    if (pool != "primary") {
      overrides.flip = ManualFlip{pool, "setup", "test setup"};
      eval();
      state.last_flip.reset();  // as if it happened long ago
    }
    ASSERT_EQ(eval().change, Change::kNone);
    ASSERT_EQ(state.decision.pool, pool);
  }
  MonoTime t() const { return clock.now(); }

  GroupConfig group = two_pools();
  HealthMap health;
  Overrides overrides;
  GroupState state = initial_state(group);
  FakeClock clock;
};

}  // namespace flipdns::engine::fixture
