#include "controller/engine/clock.h"

#include <gtest/gtest.h>

namespace flipdns::engine {
namespace {

using std::chrono::seconds;

TEST(FakeClock, StartsAtFixedTimesAwayFromTheEpochs) {
  FakeClock a;
  FakeClock b;
  EXPECT_EQ(a.now(), b.now());
  EXPECT_EQ(a.wall_now(), b.wall_now());
  EXPECT_NE(a.now(), MonoTime{});
  EXPECT_EQ(a.wall_now().time_since_epoch(), seconds(1704067200));
}

TEST(FakeClock, AdvanceMovesBothClocksByExactlyTheStep) {
  FakeClock c;
  Now before = c.stamp();
  c.advance(Duration(1500));
  EXPECT_EQ(c.now() - before.mono, Duration(1500));
  EXPECT_EQ(c.wall_now() - before.wall, Duration(1500));
  c.advance(Duration::zero());
  EXPECT_EQ(c.now() - before.mono, Duration(1500));
}

TEST(FakeClock, RefusesToGoBackwards) {
  FakeClock c;
  Now before = c.stamp();
  EXPECT_THROW(c.advance(Duration(-1)), std::invalid_argument);
  EXPECT_EQ(c.now(), before.mono);
}

TEST(FakeClock, WallJumpLeavesMonotonicTimeAlone) {
  FakeClock c;
  MonoTime mono = c.now();
  c.set_wall(c.wall_now() - std::chrono::hours(3));
  EXPECT_EQ(c.now(), mono);
  EXPECT_EQ(c.wall_now().time_since_epoch(), seconds(1704067200) - std::chrono::hours(3));
}

TEST(SystemClock, MonotonicReadingsNeverDecrease) {
  SystemClock c;
  MonoTime prev = c.now();
  for (int i = 0; i < 1000; ++i) {
    MonoTime t = c.now();
    ASSERT_GE(t, prev);
    prev = t;
  }
  // Wall time is after 2024 on any machine that runs this.
  EXPECT_GT(c.wall_now().time_since_epoch(), seconds(1704067200));
}

TEST(FakeRandom, RepeatsItsSequence) {
  FakeRandom r({3, 1, 4});
  std::vector<uint64_t> got;
  for (int i = 0; i < 7; ++i) got.push_back(r.next());
  EXPECT_EQ(got, (std::vector<uint64_t>{3, 1, 4, 3, 1, 4, 3}));
  EXPECT_THROW(FakeRandom({}), std::invalid_argument);
}

TEST(Mt64Random, SameSeedSameSequenceDifferentSeedDifferent) {
  Mt64Random a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 8; ++i) {
    uint64_t va = a.next();
    EXPECT_EQ(va, b.next());
    differs |= va != c.next();
  }
  EXPECT_TRUE(differs);
}

}  // namespace
}  // namespace flipdns::engine
