// End to end through the pure parts: backends that go up and down on a
// schedule, checks at jittered intervals feeding MemberHealth, and the decision
// engine evaluated the way the controller will (on every state change and at
// wake_at), all on a fake clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "controller/engine/decision_engine.h"
#include "controller/engine/jitter.h"
#include "controller/engine/member_health.h"

namespace flipdns::engine {
namespace {

using namespace std::chrono_literals;

struct Flip {
  Duration at;  // since the start of the simulation
  std::string to;
};

class Simulation {
 public:
  // `up(member, t)`: whether the member's backend answers at time t.
  using Backend = std::function<bool(const std::string&, Duration)>;

  // Checks every `interval` ± jitter_percent %.
  Simulation(GroupConfig group, HealthThresholds thresholds, Duration interval,
             unsigned jitter_percent, uint64_t seed, Backend up)
      : group_(std::move(group)),
        interval_(interval),
        jitter_percent_(jitter_percent),
        random_(seed),
        up_(std::move(up)) {
    state_ = initial_state(group_);
    for (const PoolConfig& p : group_.pools) {
      for (const std::string& m : p.members) {
        members_.emplace(m, MemberHealth(thresholds));
        // Spread the first checks over one interval, as the controller will.
        next_check_[m] = start_ + interval_with_jitter(interval_ / 2, random_.next(), 100);
      }
    }
  }

  void run_until(Duration end) {
    while (true) {
      MonoTime next = MonoTime::max();
      for (const auto& [m, t] : next_check_) next = std::min(next, t);
      if (wake_at_) next = std::min(next, *wake_at_);
      if (next > start_ + end) break;
      clock_.advance(std::chrono::ceil<Duration>(next - clock_.now()));
      step();
    }
    clock_.advance(std::chrono::ceil<Duration>(start_ + end - clock_.now()));
  }

  const std::vector<Flip>& flips() const { return flips_; }
  const GroupState& state() const { return state_; }
  size_t evaluations() const { return evaluations_; }
  Duration elapsed() const { return std::chrono::ceil<Duration>(clock_.now() - start_); }

 private:
  void step() {
    const Now now = clock_.stamp();
    const Duration t = std::chrono::ceil<Duration>(now.mono - start_);
    bool changed = false;
    for (auto& [m, when] : next_check_) {
      if (when > now.mono) continue;
      const bool ok = up_(m, t);
      CheckResult r{now.wall, ok, ok ? 3ms : 500ms, ok ? "" : "connection refused"};
      changed |= members_.at(m).record(std::move(r)) == Transition::kChanged;
      when = now.mono + interval_with_jitter(interval_, random_.next(), jitter_percent_);
    }
    if (changed || (wake_at_ && *wake_at_ <= now.mono)) evaluate_now(now, t);
  }

  void evaluate_now(Now now, Duration t) {
    HealthMap health;
    for (const auto& [m, h] : members_) health[m] = h.state();
    Evaluation e = evaluate(group_, health, {}, state_, now);
    ++evaluations_;
    ASSERT_FALSE(e.next.decision.members.empty()) << e.reason;
    if (e.change == Change::kPool) flips_.push_back({t, e.next.decision.pool});
    state_ = std::move(e.next);
    if (e.changed()) ++state_.decision.epoch;
    wake_at_ = e.wake_at;
  }

  GroupConfig group_;
  Duration interval_;
  unsigned jitter_percent_;
  Mt64Random random_;
  Backend up_;
  FakeClock clock_;
  const MonoTime start_ = clock_.now();
  std::map<std::string, MemberHealth> members_;
  std::map<std::string, MonoTime> next_check_;
  GroupState state_;
  std::optional<MonoTime> wake_at_;
  std::vector<Flip> flips_;
  size_t evaluations_ = 0;
};

GroupConfig app(Policy policy) {
  return {"app.example.com.",
          {{"primary", {"192.0.2.10"}, 1}, {"standby", {"198.51.100.10"}, 1}},
          policy};
}

// The primary's backend is up for `up`, then down for `down`, repeating, from
// the first `healthy_for` on; the standby is always up.
Simulation::Backend flapping_primary(Duration up, Duration down, Duration healthy_for = 10s) {
  return [=](const std::string& member, Duration t) {
    if (member != "192.0.2.10" || t < healthy_for) return true;
    return (t - healthy_for) % (up + down) < up;
  };
}

// Flips never closer together than the hold-down, and no more of them than the
// hold-down allows in the time simulated (the first one is free).
void expect_within_hold_down(const std::vector<Flip>& flips, Duration hold_down, Duration total) {
  for (size_t i = 1; i < flips.size(); ++i) {
    EXPECT_GE(flips[i].at - flips[i - 1].at, hold_down) << "flip " << i;
  }
  EXPECT_LE(flips.size(), static_cast<size_t>(1 + total / hold_down));
}

constexpr HealthThresholds kRise2Fall3{.rise = 2, .fall = 3};

// The scenario: up 2 s / down 2 s, rise 2, fall 3, 1 s checks,
// hold-down 10 s, and the most eager failback (auto, 0 s).
//
// With checks exactly 1 s apart a 2 s outage is two failed checks, which never
// reach fall 3: rise/fall alone absorbs the flap.
TEST(FailoverSimulation, PrimaryFlapping2sUp2sDownWithoutJitterCausesNoFlip) {
  const Policy policy{.hold_down = 10s, .failback = Failback::kAuto, .failback_after = 0s};
  Simulation sim(app(policy), kRise2Fall3, 1s, 0, 1, flapping_primary(2s, 2s));
  sim.run_until(10min);
  EXPECT_TRUE(sim.flips().empty()) << sim.flips().size();
  EXPECT_EQ(sim.state().decision.pool, "primary");
}

// With ±10 % jitter three checks sometimes fit in 2 s (0.9 s apart), so the
// primary does go down now and then; hold-down bounds the flips that follow.
TEST(FailoverSimulation, PrimaryFlapping2sUp2sDownFlipsNoMoreThanHoldDownAllows) {
  const Duration total = 10min;
  const Policy policy{.hold_down = 10s, .failback = Failback::kAuto, .failback_after = 0s};
  size_t flips = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Simulation sim(app(policy), kRise2Fall3, 1s, 10, seed, flapping_primary(2s, 2s));
    sim.run_until(total);
    expect_within_hold_down(sim.flips(), 10s, total);
    flips += sim.flips().size();
  }
  // Not vacuous: the flap does get through rise/fall, so hold-down had work.
  EXPECT_GT(flips, 0u);
  RecordProperty("flips_in_20_runs_of_10min", static_cast<int>(flips));
}

// The control for the test above: the same seeds with no hold-down flip more,
// and closer together than 10 s, so the bound there is hold-down's doing.
TEST(FailoverSimulation, WithoutHoldDownThe2sFlapFlipsMoreAndFaster) {
  const Duration total = 10min;
  size_t with = 0, without = 0;
  bool closer_than_10s = false;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    for (Duration hold_down : {10s, 0s}) {
      const Policy policy{
          .hold_down = Duration(hold_down), .failback = Failback::kAuto, .failback_after = 0s};
      Simulation sim(app(policy), kRise2Fall3, 1s, 10, seed, flapping_primary(2s, 2s));
      sim.run_until(total);
      (hold_down == 0s ? without : with) += sim.flips().size();
      for (size_t i = 1; hold_down == 0s && i < sim.flips().size(); ++i) {
        closer_than_10s |= sim.flips()[i].at - sim.flips()[i - 1].at < 10s;
      }
    }
  }
  EXPECT_GT(without, with);
  EXPECT_TRUE(closer_than_10s);
  RecordProperty("flips_with_hold_down", static_cast<int>(with));
  RecordProperty("flips_without_hold_down", static_cast<int>(without));
}

// A slower flap that does get through rise/fall: every 4 s down is 3+ failed
// checks. Hold-down is then what limits the flips.
TEST(FailoverSimulation, SlowerFlapIsLimitedByHoldDown) {
  const Duration total = 10min;
  for (Failback failback : {Failback::kAuto, Failback::kManual}) {
    const Policy policy{.hold_down = 10s, .failback = failback, .failback_after = 0s};
    for (uint64_t seed = 1; seed <= 10; ++seed) {
      Simulation sim(app(policy), kRise2Fall3, 1s, 10, seed, flapping_primary(4s, 4s));
      sim.run_until(total);
      expect_within_hold_down(sim.flips(), 10s, total);
      ASSERT_FALSE(sim.flips().empty()) << "the flap should cause a failover at least";
      if (failback == Failback::kManual) {
        EXPECT_EQ(sim.flips().size(), 1u) << "manual failback: one failover, no way back";
      } else {
        // Back and forth, as often as hold-down lets it.
        EXPECT_GE(sim.flips().size(), static_cast<size_t>(total / 10s / 2)) << seed;
      }
    }
  }
}

// The control for the test above: the same flap with no hold-down flips far
// more often, so the bound there is hold-down's doing.
TEST(FailoverSimulation, WithoutHoldDownTheSameFlapFlipsFarMore) {
  const Duration total = 10min;
  const Policy policy{.hold_down = 0s, .failback = Failback::kAuto, .failback_after = 0s};
  Simulation sim(app(policy), kRise2Fall3, 1s, 10, 7, flapping_primary(4s, 4s));
  sim.run_until(total);
  EXPECT_GT(sim.flips().size(), static_cast<size_t>(1 + total / 10s));
}

// Failing over is bounded by fall checks: with 1 s checks and fall 3 the standby
// is served at most 3 intervals (+10 % jitter) after the primary stops.
TEST(FailoverSimulation, FailoverWithinFallIntervalsOfTheStop) {
  const Policy policy{.hold_down = 60s, .failback = Failback::kManual};
  Duration worst = 0s;
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    const Duration stop = 20s + Duration(seed * 37 % 1000);  // not aligned with checks
    Simulation sim(
        app(policy), kRise2Fall3, 1s, 10, seed,
        [stop](const std::string& m, Duration t) { return m != "192.0.2.10" || t < stop; });
    sim.run_until(stop + 10s);
    ASSERT_EQ(sim.flips().size(), 1u) << seed;
    EXPECT_EQ(sim.flips()[0].to, "standby");
    const Duration took = sim.flips()[0].at - stop;
    worst = std::max(worst, took);
    // The third failed check comes at least two (jittered) intervals after the
    // first one, which is not before the stop.
    EXPECT_GE(took, 1800ms) << seed;
    EXPECT_LE(took, 3300ms) << seed;
  }
  RecordProperty("worst_failover_ms", static_cast<int>(worst.count()));
}

// A controller restarted while everything is fine adopts the last decision and
// makes no flip, even though it starts with every member unknown.
TEST(FailoverSimulation, RestartWithEverythingHealthyMakesNoFlip) {
  const Policy policy{.hold_down = 0s, .failback = Failback::kAuto, .failback_after = 0s};
  Simulation sim(app(policy), kRise2Fall3, 1s, 10, 3,
                 [](const std::string&, Duration) { return true; });
  sim.run_until(1min);
  EXPECT_TRUE(sim.flips().empty());
  EXPECT_TRUE(sim.state().warmed_up);
  EXPECT_GT(sim.evaluations(), 0u);
}

}  // namespace
}  // namespace flipdns::engine
