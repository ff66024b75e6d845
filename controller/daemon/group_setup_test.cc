#include "controller/daemon/group_setup.h"

#include <gtest/gtest.h>

namespace flipdns::daemon {
namespace {

// The shipped example zones: five groups in example.com., one in example.net.
zones::ConfigSet examples() {
  auto r = zones::load_config_dir(std::string(FLIPDNS_SOURCE_DIR) + "/zones");
  EXPECT_TRUE(r.ok());
  return r.config;
}

const GroupSetup& find(const std::vector<GroupSetup>& v, const std::string& name) {
  for (const GroupSetup& g : v)
    if (g.config.name == name) return g;
  throw std::runtime_error("no group " + name);
}

TEST(GroupSetup, MapsTheExampleZones) {
  auto groups = group_setups(examples());
  EXPECT_EQ(groups.size(), 6u);
  const GroupSetup& app = find(groups, "app.example.com.");
  EXPECT_EQ(app.zone, "example.com.");
  ASSERT_EQ(app.config.pools.size(), 2u);
  EXPECT_EQ(app.config.pools[0].name, "primary");
  EXPECT_EQ(app.config.pools[0].min_healthy, 2);
  EXPECT_EQ(app.config.pools[0].members,
            (std::vector<std::string>{"192.0.2.10", "192.0.2.11", "2001:db8::10", "2001:db8::11"}));
  EXPECT_EQ(app.config.policy.hold_down, std::chrono::seconds(60));
  EXPECT_EQ(app.config.policy.failback, engine::Failback::kManual);
  EXPECT_EQ(app.check.kind, probe::CheckKind::kHttp);
  EXPECT_EQ(app.check.port, 8080);
  EXPECT_EQ(app.check.path, "/healthz");
  EXPECT_EQ(app.check.host, "app.example.com");
  EXPECT_EQ(app.check.interval, std::chrono::seconds(1));
  EXPECT_EQ(app.check.timeout, std::chrono::milliseconds(500));
  EXPECT_EQ(app.check.rise, 2);
  EXPECT_EQ(app.check.fall, 3);
  EXPECT_EQ(app.targets.size(), 6u);  // every member of every pool
  EXPECT_EQ(app.targets[5].address, "198.51.100.11");
  EXPECT_EQ(app.targets[5].group, "app.example.com.");

  const GroupSetup& api = find(groups, "api.example.com.");
  EXPECT_EQ(api.check.kind, probe::CheckKind::kHttps);
  EXPECT_EQ(api.check.expect, (std::vector<int>{200, 204}));
  EXPECT_EQ(api.config.policy.failback, engine::Failback::kAuto);
  EXPECT_EQ(api.config.policy.failback_after, std::chrono::minutes(10));

  const GroupSetup& mail = find(groups, "mail.example.com.");
  EXPECT_EQ(mail.check.kind, probe::CheckKind::kTcp);
  EXPECT_EQ(mail.check.port, 25);
}

TEST(GroupSetup, ManualPoolsLookUnhealthyToTheEngine) {
  auto groups = group_setups(examples());
  const GroupSetup& sync = find(groups, "sync.example.com.");
  EXPECT_EQ(sync.manual_pools, std::set<std::string>{"dr"});
  engine::HealthMap measured = {{"192.0.2.40", engine::HealthState::kUnhealthy},
                                {"198.51.100.40", engine::HealthState::kUnhealthy},
                                {"203.0.113.40", engine::HealthState::kHealthy}};
  engine::HealthMap seen = engine_health(sync, measured);
  EXPECT_EQ(seen["203.0.113.40"], engine::HealthState::kUnhealthy);
  EXPECT_EQ(seen["192.0.2.40"], engine::HealthState::kUnhealthy);
  const GroupSetup& app = find(groups, "app.example.com.");
  EXPECT_EQ(engine_health(app, measured), measured);  // no manual pools: unchanged
}

}  // namespace
}  // namespace flipdns::daemon
