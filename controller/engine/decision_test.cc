#include "controller/engine/decision.h"

#include <gtest/gtest.h>

namespace flipdns::engine {
namespace {

TEST(Decision, NamesForLogsAndTheApi) {
  EXPECT_EQ(to_string(Change::kNone), "none");
  EXPECT_EQ(to_string(Change::kMembers), "members");
  EXPECT_EQ(to_string(Change::kPool), "pool");
  EXPECT_EQ(to_string(AlertKind::kAllPoolsDown), "all_pools_down");
  EXPECT_EQ(to_string(AlertKind::kNoHealthyMember), "no_healthy_member");
  EXPECT_EQ(to_string(AlertKind::kUnknownPool), "unknown_pool");
  EXPECT_EQ(to_string(AlertKind::kFlipIgnored), "flip_ignored");
  EXPECT_EQ(to_string(Failback::kManual), "manual");
  EXPECT_EQ(to_string(Failback::kAuto), "auto");
}

TEST(Decision, ChangedIsAnyChange) {
  Evaluation e;
  EXPECT_FALSE(e.changed());
  e.change = Change::kMembers;
  EXPECT_TRUE(e.changed());
  e.change = Change::kPool;
  EXPECT_TRUE(e.changed());
}

}  // namespace
}  // namespace flipdns::engine
