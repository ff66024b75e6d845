#include "controller/engine/member_health.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace flipdns::engine {
namespace {

using H = HealthState;
using T = Transition;

CheckResult ok_at(FakeClock& c) {
  return {c.wall_now(), true, Duration(12), ""};
}
CheckResult fail_at(FakeClock& c, std::string error = "HTTP 503") {
  return {c.wall_now(), false, Duration(500), std::move(error)};
}

// Feeds "S"/"F" results one second apart and returns the transitions and states.
struct Step {
  T transition;
  H state;
};
std::vector<Step> feed(MemberHealth& m, std::string_view results) {
  FakeClock c;
  std::vector<Step> out;
  for (char r : results) {
    c.advance(Duration(1000));
    T t = m.record(r == 'S' ? ok_at(c) : fail_at(c));
    out.push_back({t, m.state()});
  }
  return out;
}

TEST(MemberHealth, StartsUnknown) {
  MemberHealth m;
  EXPECT_EQ(m.state(), H::kUnknown);
  EXPECT_FALSE(m.evaluated());
  EXPECT_TRUE(m.recent().empty());
}

TEST(MemberHealth, RiseSuccessesMakeAnUnknownMemberHealthy) {
  MemberHealth m({.rise = 2, .fall = 3});
  auto s = feed(m, "SS");
  EXPECT_EQ(s[0].transition, T::kPending);
  EXPECT_EQ(s[0].state, H::kUnknown);
  EXPECT_EQ(s[1].transition, T::kChanged);
  EXPECT_EQ(s[1].state, H::kHealthy);
  EXPECT_TRUE(m.evaluated());
}

TEST(MemberHealth, FallFailuresMakeAnUnknownMemberUnhealthy) {
  MemberHealth m({.rise = 2, .fall = 3});
  auto s = feed(m, "FFF");
  EXPECT_EQ(s[0].transition, T::kPending);
  EXPECT_EQ(s[1].transition, T::kPending);
  EXPECT_EQ(s[1].state, H::kUnknown);
  EXPECT_EQ(s[2].transition, T::kChanged);
  EXPECT_EQ(s[2].state, H::kUnhealthy);
}

TEST(MemberHealth, HealthyNeedsFallFailuresInARow) {
  MemberHealth m({.rise = 2, .fall = 3});
  feed(m, "SS");
  auto s = feed(m, "FFSFFF");
  std::vector<T> want{T::kPending, T::kPending, T::kUnchanged,
                      T::kPending, T::kPending, T::kChanged};
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(s[i].transition, want[i]) << i;
  for (size_t i = 0; i + 1 < s.size(); ++i) EXPECT_EQ(s[i].state, H::kHealthy) << i;
  EXPECT_EQ(m.state(), H::kUnhealthy);
}

TEST(MemberHealth, UnhealthyNeedsRiseSuccessesInARow) {
  MemberHealth m({.rise = 3, .fall = 2});
  feed(m, "FF");
  ASSERT_EQ(m.state(), H::kUnhealthy);
  auto s = feed(m, "SSFSSS");
  std::vector<T> want{T::kPending, T::kPending, T::kUnchanged,
                      T::kPending, T::kPending, T::kChanged};
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(s[i].transition, want[i]) << i;
  EXPECT_EQ(m.state(), H::kHealthy);
}

// Every kind of failure counts toward fall; none is treated as "not a failure".
TEST(MemberHealth, EveryFailureKindCountsTowardFall) {
  MemberHealth m({.rise = 2, .fall = 4});
  FakeClock c;
  m.record(ok_at(c));
  m.record(ok_at(c));
  ASSERT_EQ(m.state(), H::kHealthy);
  for (const char* e : {"HTTP 503", "timeout after 500ms", "TLS: certificate verify failed"}) {
    EXPECT_EQ(m.record(fail_at(c, e)), T::kPending) << e;
  }
  EXPECT_EQ(m.record(fail_at(c, "connection refused")), T::kChanged);
  EXPECT_EQ(m.state(), H::kUnhealthy);
}

// With rise and fall of at least 2, no single result moves a member, whatever
// state it is in and whatever came before.
TEST(MemberHealth, NoSingleResultMovesAnEvaluatedMember) {
  for (int rise = 2; rise <= 4; ++rise) {
    for (int fall = 2; fall <= 4; ++fall) {
      MemberHealth healthy({.rise = rise, .fall = fall});
      feed(healthy, std::string(rise, 'S'));
      ASSERT_EQ(healthy.state(), H::kHealthy);
      // Alternate a lone failure with a success: never reaches fall in a row.
      auto s = feed(healthy, "FSFSFSFS");
      for (const Step& st : s) EXPECT_EQ(st.state, H::kHealthy) << rise << fall;

      MemberHealth unhealthy({.rise = rise, .fall = fall});
      feed(unhealthy, std::string(fall, 'F'));
      ASSERT_EQ(unhealthy.state(), H::kUnhealthy);
      s = feed(unhealthy, "SFSFSFSF");
      for (const Step& st : s) EXPECT_EQ(st.state, H::kUnhealthy) << rise << fall;

      MemberHealth fresh({.rise = rise, .fall = fall});
      EXPECT_EQ(feed(fresh, "S")[0].state, H::kUnknown);
      MemberHealth fresh2({.rise = rise, .fall = fall});
      EXPECT_EQ(feed(fresh2, "F")[0].state, H::kUnknown);
    }
  }
}

TEST(MemberHealth, RiseAndFallOfOneMoveOnEveryResult) {
  MemberHealth m({.rise = 1, .fall = 1});
  auto s = feed(m, "SFFS");
  EXPECT_EQ(s[0].transition, T::kChanged);
  EXPECT_EQ(s[0].state, H::kHealthy);
  EXPECT_EQ(s[1].transition, T::kChanged);
  EXPECT_EQ(s[1].state, H::kUnhealthy);
  EXPECT_EQ(s[2].transition, T::kUnchanged);
  EXPECT_EQ(s[3].transition, T::kChanged);
  EXPECT_EQ(s[3].state, H::kHealthy);
}

// A member that flaps from the start still gets a verdict, so cold start
// cannot wait for it forever: while unknown, failures need not be in a row.
TEST(MemberHealth, FlappingUnknownMemberBecomesUnhealthyAfterFallFailures) {
  MemberHealth m({.rise = 2, .fall = 3});
  auto s = feed(m, "SFSFSF");
  for (size_t i = 0; i + 1 < s.size(); ++i) EXPECT_EQ(s[i].state, H::kUnknown) << i;
  EXPECT_EQ(s.back().transition, T::kChanged);
  EXPECT_EQ(m.state(), H::kUnhealthy);
  // Once evaluated, the usual in-a-row rule applies again.
  s = feed(m, "SFS");
  for (const Step& st : s) EXPECT_EQ(st.state, H::kUnhealthy);
  feed(m, "S");
  EXPECT_EQ(m.state(), H::kHealthy);
}

TEST(MemberHealth, KeepsTheLastChecksAsEvidenceOldestFirst) {
  MemberHealth m({.rise = 2, .fall = 3, .evidence = 3});
  FakeClock c;
  std::vector<WallTime> times;
  for (int i = 0; i < 5; ++i) {
    c.advance(Duration(1000));
    times.push_back(c.wall_now());
    m.record(i % 2 ? fail_at(c, "timeout " + std::to_string(i)) : ok_at(c));
  }
  ASSERT_EQ(m.recent().size(), 3u);
  EXPECT_EQ(m.recent()[0].at, times[2]);
  EXPECT_TRUE(m.recent()[0].ok);
  EXPECT_EQ(m.recent()[0].latency, Duration(12));
  EXPECT_EQ(m.recent()[1].at, times[3]);
  EXPECT_FALSE(m.recent()[1].ok);
  EXPECT_EQ(m.recent()[1].error, "timeout 3");
  EXPECT_EQ(m.recent()[1].latency, Duration(500));
  EXPECT_EQ(m.recent()[2].at, times[4]);
}

TEST(MemberHealth, ReconfigureKeepsStateAndTrimsEvidence) {
  MemberHealth m({.rise = 2, .fall = 3, .evidence = 10});
  feed(m, "SSF");
  ASSERT_EQ(m.state(), H::kHealthy);
  m.set_thresholds({.rise = 2, .fall = 2, .evidence = 2});
  EXPECT_EQ(m.state(), H::kHealthy);
  EXPECT_EQ(m.recent().size(), 2u);
  EXPECT_EQ(m.failures_in_a_row(), 1);
  EXPECT_EQ(feed(m, "F")[0].state, H::kUnhealthy);
}

TEST(MemberHealth, RejectsThresholdsBelowOne) {
  EXPECT_THROW(MemberHealth({.rise = 0, .fall = 3}), std::invalid_argument);
  EXPECT_THROW(MemberHealth({.rise = 2, .fall = 0}), std::invalid_argument);
  MemberHealth m;
  EXPECT_THROW(m.set_thresholds({.rise = -1, .fall = 1}), std::invalid_argument);
  EXPECT_EQ(m.thresholds().rise, 2);
}

TEST(MemberHealth, NamesForLogs) {
  EXPECT_EQ(to_string(H::kUnknown), "unknown");
  EXPECT_EQ(to_string(H::kHealthy), "healthy");
  EXPECT_EQ(to_string(H::kUnhealthy), "unhealthy");
  EXPECT_EQ(to_string(T::kUnchanged), "unchanged");
  EXPECT_EQ(to_string(T::kPending), "pending");
  EXPECT_EQ(to_string(T::kChanged), "changed");
}

}  // namespace
}  // namespace flipdns::engine
