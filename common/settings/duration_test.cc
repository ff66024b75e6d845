#include "common/settings/duration.h"

#include <gtest/gtest.h>

namespace flipdns {
namespace {

using std::chrono::milliseconds;

TEST(ParseDuration, ReadsEachUnit) {
  EXPECT_EQ(parse_duration("500ms"), milliseconds(500));
  EXPECT_EQ(parse_duration("2s"), milliseconds(2000));
  EXPECT_EQ(parse_duration("10m"), milliseconds(600'000));
  EXPECT_EQ(parse_duration("1h"), milliseconds(3'600'000));
  EXPECT_EQ(parse_duration("0s"), milliseconds(0));
}

TEST(ParseDuration, AddsCompoundParts) {
  EXPECT_EQ(parse_duration("1m30s"), milliseconds(90'000));
  EXPECT_EQ(parse_duration("1h2m3s4ms"), milliseconds(3'723'004));
}

TEST(ParseDuration, RefusesMalformedText) {
  for (const char* bad :
       {"", "30", "s", "1x", "1.5s", "-1s", " 1s", "1s ", "1 s", "ms", "1sm", "1S", "1d"}) {
    EXPECT_EQ(parse_duration(bad), std::nullopt) << bad;
  }
}

TEST(ParseDuration, RefusesOverflow) {
  EXPECT_EQ(parse_duration("99999999999999999999ms"), std::nullopt);
  EXPECT_EQ(parse_duration("9223372036854775807h"), std::nullopt);
  EXPECT_EQ(parse_duration("9223372036854775807ms1ms"), std::nullopt);
  EXPECT_EQ(parse_duration("9223372036854775807ms"), milliseconds(9223372036854775807));
}

TEST(FormatDuration, WritesTheShortestForm) {
  EXPECT_EQ(format_duration(milliseconds(0)), "0s");
  EXPECT_EQ(format_duration(milliseconds(500)), "500ms");
  EXPECT_EQ(format_duration(milliseconds(1500)), "1500ms");
  EXPECT_EQ(format_duration(milliseconds(10'000)), "10s");
  EXPECT_EQ(format_duration(milliseconds(90'000)), "1m30s");
  EXPECT_EQ(format_duration(milliseconds(3'600'000)), "1h");
  EXPECT_EQ(format_duration(milliseconds(3'661'000)), "1h1m1s");
}

TEST(FormatDuration, RoundTripsThroughParse) {
  for (int64_t ms : {1, 999, 1000, 59'000, 60'000, 61'000, 7'200'000, 86'400'000}) {
    EXPECT_EQ(parse_duration(format_duration(milliseconds(ms))), milliseconds(ms)) << ms;
  }
}

}  // namespace
}  // namespace flipdns
