#include "controller/engine/pool_status.h"

#include <gtest/gtest.h>

namespace flipdns::engine {
namespace {

using H = HealthState;

GroupConfig group() {
  return {"app.example.com.",
          {{"primary", {"192.0.2.10", "192.0.2.11", "2001:db8::10"}, 2},
           {"standby", {"198.51.100.10"}, 1},
           {"spare", {"203.0.113.1"}, 0}},
          {}};
}

TEST(PoolStatus, CountsHealthyAndUnknownMembersInConfigurationOrder) {
  GroupConfig g = group();
  HealthMap h{
      {"2001:db8::10", H::kHealthy}, {"192.0.2.10", H::kHealthy}, {"192.0.2.11", H::kUnhealthy}};
  auto s = pool_status(g, h);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].name(), "primary");
  EXPECT_EQ(s[0].healthy, (std::vector<std::string>{"192.0.2.10", "2001:db8::10"}));
  EXPECT_EQ(s[0].unknown, 0u);
  EXPECT_TRUE(s[0].eligible());
  EXPECT_TRUE(s[1].healthy.empty());
  EXPECT_EQ(s[1].unknown, 1u);  // missing from the map
  EXPECT_FALSE(s[1].eligible());
}

TEST(PoolStatus, MinHealthyDecidesEligibilityAndIsAtLeastOne) {
  GroupConfig g = group();
  HealthMap h{{"192.0.2.10", H::kHealthy},
              {"192.0.2.11", H::kUnhealthy},
              {"2001:db8::10", H::kUnhealthy},
              {"203.0.113.1", H::kUnhealthy}};
  auto s = pool_status(g, h);
  EXPECT_FALSE(s[0].eligible());  // 1 of min 2
  EXPECT_EQ(s[2].min_healthy, 1u);
  EXPECT_FALSE(s[2].eligible());  // min_healthy 0 would make an empty pool "good"
}

TEST(PoolStatus, DescribesEachPoolInWords) {
  GroupConfig g = group();
  HealthMap h{{"192.0.2.10", H::kHealthy},
              {"192.0.2.11", H::kUnhealthy},
              {"198.51.100.10", H::kHealthy},
              {"203.0.113.1", H::kUnhealthy}};
  auto s = pool_status(g, h);
  EXPECT_EQ(describe(s[0]), "primary below min_healthy (1/3 healthy, min 2, 1 unknown)");
  EXPECT_EQ(describe(s[1]), "standby healthy (1/1)");
  EXPECT_EQ(describe(s[2]), "spare below min_healthy (0/1 healthy)");
  EXPECT_EQ(describe_all(s),
            "primary below min_healthy (1/3 healthy, min 2, 1 unknown); standby healthy (1/1); "
            "spare below min_healthy (0/1 healthy)");
}

}  // namespace
}  // namespace flipdns::engine
