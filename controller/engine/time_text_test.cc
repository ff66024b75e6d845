#include "controller/engine/time_text.h"

#include <gtest/gtest.h>

namespace flipdns::engine {
namespace {

using namespace std::chrono_literals;

TEST(FormatDuration, UsesTheConfigurationNotation) {
  struct Case {
    Duration d;
    const char* want;
  };
  for (const Case& c :
       {Case{0ms, "0s"}, Case{1ms, "1ms"}, Case{500ms, "500ms"}, Case{2s, "2s"},
        Case{1500ms, "1s500ms"}, Case{90s, "1m30s"}, Case{10min, "10m"}, Case{1h, "1h"},
        Case{3605s, "1h0m5s"}, Case{49h, "49h"}, Case{-2s, "-2s"}}) {
    EXPECT_EQ(format_duration(c.d), c.want) << c.d.count();
  }
  // The extremes do not overflow.
  EXPECT_EQ(format_duration(Duration::min()).front(), '-');
  EXPECT_NE(format_duration(Duration::max()), "");
}

TEST(CeilMs, RoundsUpSoAWaitIsNeverShownAsZero) {
  EXPECT_EQ(ceil_ms(1ns), 1ms);
  EXPECT_EQ(ceil_ms(1ms), 1ms);
  EXPECT_EQ(ceil_ms(1000001ns), 2ms);
  EXPECT_EQ(ceil_ms(0ns), 0ms);
}

TEST(FormatWallTime, IsRfc3339InUtc) {
  EXPECT_EQ(format_wall_time(WallTime{}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_wall_time(WallTime{} + 1704067200s + 30min + 1500ms), "2024-01-01T00:30:01Z");
}

}  // namespace
}  // namespace flipdns::engine
