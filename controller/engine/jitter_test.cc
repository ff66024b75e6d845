#include "controller/engine/jitter.h"

#include <gtest/gtest.h>

#include <limits>
#include <set>

namespace flipdns::engine {
namespace {

struct Case {
  const char* name;
  int64_t interval_ms;
  uint64_t random;
  unsigned percent;
  int64_t want_ms;
};

class JitterTable : public ::testing::TestWithParam<Case> {};

TEST_P(JitterTable, Returns) {
  const Case& c = GetParam();
  EXPECT_EQ(interval_with_jitter(Duration(c.interval_ms), c.random, c.percent).count(), c.want_ms);
}

// For a 1000 ms interval at 10 % the span is 100 ms, so `random % 201` picks an
// offset in [-100, +100].
INSTANTIATE_TEST_SUITE_P(
    Cases, JitterTable,
    ::testing::Values(
        Case{"lowest", 1000, 0, 10, 900}, Case{"middle", 1000, 100, 10, 1000},
        Case{"highest", 1000, 200, 10, 1100}, Case{"wraps", 1000, 201, 10, 900},
        Case{"zero_interval", 0, 12345, 10, 1}, Case{"negative_interval", -5, 0, 10, 1},
        Case{"too_short_to_jitter", 5, 999, 10, 5}, Case{"one_ms", 1, 999, 10, 1},
        Case{"no_jitter", 1000, 7, 0, 1000}, Case{"full_jitter_never_zero", 1000, 0, 100, 1},
        Case{"over_100_percent_capped", 1000, 0, 250, 1}, Case{"half_percent", 2000, 0, 50, 1000}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Jitter, StaysWithinTenPercentAndNeverZeroForManyRandoms) {
  std::set<int64_t> seen;
  for (uint64_t r = 0; r < 5000; ++r) {
    uint64_t random = r * 0x9E3779B97F4A7C15ull;  // spread over the 64-bit range
    Duration d = interval_with_jitter(Duration(1000), random);
    ASSERT_GE(d, Duration(900));
    ASSERT_LE(d, Duration(1100));
    seen.insert(d.count());
  }
  // Spread, not a constant: most of the 201 possible values occur.
  EXPECT_GT(seen.size(), 150u);
}

TEST(Jitter, HugeIntervalAndRandomDoNotOverflow) {
  const Duration week = std::chrono::hours(24 * 7);
  Duration d = interval_with_jitter(week, std::numeric_limits<uint64_t>::max());
  EXPECT_GE(d, week - week / 10);
  EXPECT_LE(d, week + week / 10);
  const Duration huge(std::numeric_limits<int64_t>::max() / 2);
  Duration h = interval_with_jitter(huge, std::numeric_limits<uint64_t>::max());
  EXPECT_GE(h, huge - huge / 10 - Duration(1));
  EXPECT_LE(h, huge + huge / 10 + Duration(1));
  // At the very top the sum saturates instead of overflowing.
  for (uint64_t r : {uint64_t{0}, uint64_t{1} << 62, std::numeric_limits<uint64_t>::max()}) {
    Duration m = interval_with_jitter(Duration::max(), r);
    EXPECT_GE(m, Duration::max() - Duration::max() / 10 - Duration(1)) << r;
  }
}

TEST(Jitter, ShortIntervalsNeverReachZero) {
  for (int64_t ms = 0; ms <= 30; ++ms) {
    for (uint64_t r = 0; r < 64; ++r) {
      ASSERT_GE(interval_with_jitter(Duration(ms), r, 100), kMinInterval) << ms << " " << r;
    }
  }
}

}  // namespace
}  // namespace flipdns::engine
