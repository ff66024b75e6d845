#include "controller/probe/checker.h"

#include <gtest/gtest.h>

#include "controller/net/fake_timers.h"
#include "controller/probe/fake_probes.h"

namespace flipdns::probe {
namespace {

using engine::HealthState;
using engine::Transition;
using std::chrono::milliseconds;

ProbeTarget target(std::string group, std::string address, int interval_ms = 1000) {
  ProbeTarget t;
  t.group = std::move(group);
  t.address = std::move(address);
  t.check.interval = milliseconds(interval_ms);
  t.check.rise = 2;
  t.check.fall = 3;
  return t;
}

class CheckerTest : public ::testing::Test {
 protected:
  CheckerTest()
      : timers_(clock_),
        // 100: no jitter (checks exactly an interval apart), and the first
        // check 100 ms after the start.
        random_({100}),
        checker_(probes_, timers_, clock_, random_,
                 [this](const CheckEvent& e) { events_.push_back(e); }) {}

  HealthState state(const std::string& group, const std::string& address) {
    const engine::MemberHealth* h = checker_.health({group, address});
    return h ? h->state() : HealthState::kUnknown;
  }

  engine::FakeClock clock_;
  net::FakeTimers timers_;
  engine::FakeRandom random_;
  FakeProbes probes_;
  std::vector<CheckEvent> events_;
  Checker checker_;
};

TEST_F(CheckerTest, ChecksEveryMemberOfEveryGroupAtItsOwnAddress) {
  checker_.set_targets({target("app.example.com.", "192.0.2.10"),
                        target("app.example.com.", "198.51.100.10"),
                        target("api.example.com.", "192.0.2.10")});
  EXPECT_EQ(checker_.size(), 3u);
  timers_.advance(milliseconds(100));
  EXPECT_EQ(probes_.pending(), 3u);
  EXPECT_TRUE(probes_.answer({"api.example.com.", "192.0.2.10"}, true));
  EXPECT_FALSE(probes_.answer({"api.example.com.", "192.0.2.10"}, true));  // answered already
  ASSERT_EQ(events_.size(), 1u);
  EXPECT_EQ(events_[0].member.group, "api.example.com.");
  EXPECT_TRUE(events_[0].result.ok);
  EXPECT_EQ(events_[0].transition, Transition::kPending);
}

TEST_F(CheckerTest, RiseAndFallFromScriptedResults) {
  probes_.always("192.0.2.10", true);
  probes_.always("192.0.2.11", false, "connection refused");
  checker_.set_targets({target("g.", "192.0.2.10"), target("g.", "192.0.2.11")});
  timers_.advance(milliseconds(100));
  EXPECT_EQ(state("g.", "192.0.2.10"), HealthState::kUnknown);  // one success of two
  timers_.advance(milliseconds(1000));
  EXPECT_EQ(state("g.", "192.0.2.10"), HealthState::kHealthy);
  EXPECT_EQ(state("g.", "192.0.2.11"), HealthState::kUnknown);  // two failures of three
  timers_.advance(milliseconds(1000));
  EXPECT_EQ(state("g.", "192.0.2.11"), HealthState::kUnhealthy);
  engine::HealthMap m = checker_.health_map("g.");
  EXPECT_EQ(m.size(), 2u);
  EXPECT_EQ(m["192.0.2.10"], HealthState::kHealthy);
  EXPECT_EQ(m["192.0.2.11"], HealthState::kUnhealthy);
  EXPECT_EQ(checker_.health({"g.", "192.0.2.11"})->recent().back().error, "connection refused");
}

TEST_F(CheckerTest, ChecksRunOneIntervalApartWithNoOverlap) {
  checker_.set_targets({target("g.", "192.0.2.10")});
  timers_.advance(milliseconds(100));
  const MemberKey m{"g.", "192.0.2.10"};
  EXPECT_EQ(probes_.runs(m), 1u);
  // The check is still running an interval later: no second one starts.
  timers_.advance(milliseconds(1500));
  EXPECT_EQ(probes_.runs(m), 1u);
  // A slow check is followed by the next one right away, a quick one by the
  // rest of the interval.
  ASSERT_TRUE(probes_.answer(m, true));
  timers_.advance(milliseconds(1));
  EXPECT_EQ(probes_.runs(m), 2u);
  timers_.advance(milliseconds(300));
  ASSERT_TRUE(probes_.answer(m, true));
  timers_.advance(milliseconds(699));
  EXPECT_EQ(probes_.runs(m), 2u);
  timers_.advance(milliseconds(1));
  EXPECT_EQ(probes_.runs(m), 3u);
}

TEST_F(CheckerTest, JitterSpreadsChecksWithinTenPercent) {
  engine::FakeRandom spread({0, ~0ull});  // the extremes of the random range
  Checker checker(probes_, timers_, clock_, spread, [](const CheckEvent&) {});
  probes_.always("192.0.2.10", true);
  checker.set_targets({target("g.", "192.0.2.10")});
  const MemberKey m{"g.", "192.0.2.10"};
  timers_.advance(milliseconds(101));  // the first check falls within a tenth of the interval
  const size_t first = probes_.runs(m);
  EXPECT_EQ(first, 1u);
  timers_.advance(milliseconds(10000));
  // Ten seconds at 1 s ± 10 %: between 9 and 12 more checks.
  EXPECT_GE(probes_.runs(m) - first, 9u);
  EXPECT_LE(probes_.runs(m) - first, 12u);
}

TEST_F(CheckerTest, ReloadKeepsHealthOfMembersThatStayAndChecksNewOnes) {
  probes_.always("192.0.2.10", true);
  probes_.always("192.0.2.11", true);
  checker_.set_targets({target("g.", "192.0.2.10"), target("g.", "192.0.2.11")});
  timers_.advance(milliseconds(1100));
  ASSERT_EQ(state("g.", "192.0.2.10"), HealthState::kHealthy);
  const size_t made = probes_.sessions_made();

  probes_.always("192.0.2.12", true);
  checker_.set_targets({target("g.", "192.0.2.10"), target("g.", "192.0.2.12")});
  EXPECT_EQ(state("g.", "192.0.2.10"), HealthState::kHealthy);  // kept
  EXPECT_EQ(checker_.health({"g.", "192.0.2.11"}), nullptr);    // gone
  EXPECT_EQ(state("g.", "192.0.2.12"), HealthState::kUnknown);  // new
  EXPECT_EQ(probes_.sessions_made(), made + 1);                 // the kept member's session goes on
  EXPECT_EQ(probes_.sessions_alive(), 2u);
  timers_.advance(milliseconds(1100));
  EXPECT_EQ(state("g.", "192.0.2.12"), HealthState::kHealthy);
}

TEST_F(CheckerTest, ReloadWithNewThresholdsOrCheckKeepsHealthAndRestartsOnlyChangedSessions) {
  probes_.always("192.0.2.10", true);
  checker_.set_targets({target("g.", "192.0.2.10")});
  timers_.advance(milliseconds(1100));
  ASSERT_EQ(state("g.", "192.0.2.10"), HealthState::kHealthy);
  const size_t made = probes_.sessions_made();

  ProbeTarget t = target("g.", "192.0.2.10");
  t.check.fall = 1;
  checker_.set_targets({t});
  EXPECT_EQ(probes_.sessions_made(), made);
  EXPECT_EQ(checker_.health({"g.", "192.0.2.10"})->thresholds().fall, 1);

  t.check.path = "/other";
  checker_.set_targets({t});
  EXPECT_EQ(probes_.sessions_made(), made + 1);
  EXPECT_EQ(state("g.", "192.0.2.10"), HealthState::kHealthy);
  probes_.always("192.0.2.10", false, "status 503 (expected 200)");
  timers_.advance(milliseconds(1000));
  EXPECT_EQ(state("g.", "192.0.2.10"), HealthState::kUnhealthy);  // fall 1 took effect
}

TEST_F(CheckerTest, RemovingAMemberCancelsItsCheckInFlight) {
  checker_.set_targets({target("g.", "192.0.2.10")});
  timers_.advance(milliseconds(100));
  ASSERT_EQ(probes_.pending(), 1u);
  checker_.set_targets({});
  EXPECT_EQ(probes_.pending(), 0u);
  EXPECT_EQ(probes_.sessions_alive(), 0u);
  EXPECT_EQ(timers_.active_count(), 0u);
  timers_.advance(milliseconds(5000));
  EXPECT_TRUE(events_.empty());
}

TEST_F(CheckerTest, EventsCarryTransitions) {
  probes_.always("192.0.2.10", false, "timeout");
  checker_.set_targets({target("g.", "192.0.2.10")});
  timers_.advance(milliseconds(2100));
  ASSERT_EQ(events_.size(), 3u);
  EXPECT_EQ(events_[0].transition, Transition::kPending);
  EXPECT_EQ(events_[1].transition, Transition::kPending);
  EXPECT_EQ(events_[2].transition, Transition::kChanged);
  EXPECT_EQ(events_[2].state, HealthState::kUnhealthy);
  EXPECT_EQ(events_[2].result.error, "timeout");
  EXPECT_EQ(events_[2].result.at, clock_.wall_now());
}

}  // namespace
}  // namespace flipdns::probe
