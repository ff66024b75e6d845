#include "resolver/decisions/serving_state.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "resolver/decisions/test_config.h"
#include "resolver/dns/wire.h"
#include "resolver/query/test_zone.h"

namespace flipdns::decisions {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class ServingStateTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_.write("example.com.yaml", testing::kZoneYaml); }
  std::shared_ptr<const ServedConfig> config() { return load_served_config(dir_.path(), {}); }
  std::unique_ptr<ServingState> start() {
    return std::make_unique<ServingState>(config(), DecisionStore(dir_.path() / "state"),
                                          [this](auto s) {
                                            published_ = std::move(s);
                                            ++publishes_;
                                          });
  }
  std::vector<std::string> a(const char* name = "app.example.com.") {
    return query::testing::ask(*published_, query::testing::make_query(name, dns::type::A)).answer;
  }
  std::string soa() {
    auto r = query::testing::ask(*published_,
                                 query::testing::make_query("example.com.", dns::type::SOA));
    return r.answer.empty() ? "" : r.answer[0];
  }

  testing::TempDir dir_;
  std::shared_ptr<const zone::ZoneSet> published_;
  int publishes_ = 0;
};

TEST_F(ServingStateTest, FirstPoolAllMembersUntilToldOtherwise) {
  auto s = start();
  EXPECT_EQ(publishes_, 1);
  EXPECT_THAT(a(), UnorderedElementsAre("app.example.com. 30 IN A 192.0.2.10",
                                        "app.example.com. 30 IN A 192.0.2.11"));
  auto d = s->decisions();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].pool, "primary");
  EXPECT_EQ(d[0].epoch, 0u);
}

TEST_F(ServingStateTest, FlipChangesAnswersAndSerialAndSurvivesRestart) {
  auto s = start();
  std::string before = soa();
  auto r = s->put({"app.example.com.", "standby", {"198.51.100.10"}, 5});
  EXPECT_EQ(r.status, 200) << r.error;
  EXPECT_THAT(a(), ElementsAre("app.example.com. 30 IN A 198.51.100.10"));
  EXPECT_THAT(a("www.example.com."), ElementsAre("www.example.com. 300 IN CNAME app.example.com.",
                                                 "app.example.com. 30 IN A 198.51.100.10"));
  EXPECT_NE(soa(), before);
  std::string after = soa();

  published_.reset();
  auto restarted = start();  // no controller: the saved decision is served from the start
  EXPECT_THAT(a(), ElementsAre("app.example.com. 30 IN A 198.51.100.10"));
  EXPECT_EQ(soa(), after);  // same config and decisions, same serial
}

TEST_F(ServingStateTest, StaleEpochIsRejectedAndChangesNothing) {
  auto s = start();
  ASSERT_EQ(s->put({"app.example.com.", "standby", {"198.51.100.10"}, 9}).status, 200);
  int before = publishes_;
  auto older = s->put({"app.example.com.", "primary", {"192.0.2.10"}, 8});
  EXPECT_EQ(older.status, 409);
  EXPECT_THAT(older.error, HasSubstr("older"));
  EXPECT_EQ(s->put({"app.example.com.", "standby", {"198.51.100.10"}, 9}).status,
            200);  // idempotent
  EXPECT_EQ(s->put({"app.example.com.", "primary", {"192.0.2.10"}, 9}).status,
            409);  // same epoch, other content
  EXPECT_EQ(publishes_, before);
  EXPECT_THAT(a(), ElementsAre("app.example.com. 30 IN A 198.51.100.10"));
}

TEST_F(ServingStateTest, BadRequestsAreRejected) {
  auto s = start();
  EXPECT_EQ(s->put({"nope.example.com.", "primary", {"192.0.2.10"}, 1}).status, 404);
  EXPECT_EQ(s->put({"app.example.com.", "tertiary", {"192.0.2.10"}, 1}).status, 400);
  EXPECT_EQ(s->put({"app.example.com.", "primary", {}, 1}).status, 400);
  EXPECT_EQ(s->put({"app.example.com.", "primary", {"198.51.100.10"}, 1}).status, 400);
  EXPECT_EQ(s->put({"app.example.com.", "primary", {"not-an-ip"}, 1}).status, 400);
  EXPECT_EQ(s->decisions()[0].epoch, 0u);
}

TEST_F(ServingStateTest, SubsetOfMembersAndIpv6) {
  auto s = start();
  ASSERT_EQ(s->put({"app.example.com.", "primary", {"2001:DB8::10", "192.0.2.11"}, 3}).status, 200);
  EXPECT_THAT(a(), ElementsAre("app.example.com. 30 IN A 192.0.2.11"));
  auto aaaa = query::testing::ask(*published_,
                                  query::testing::make_query("app.example.com.", dns::type::AAAA));
  EXPECT_THAT(aaaa.answer, ElementsAre("app.example.com. 30 IN AAAA 2001:db8::10"));
}

TEST_F(ServingStateTest, ReloadKeepsDecisionsOfGroupsThatStillExist) {
  auto s = start();
  ASSERT_EQ(s->put({"app.example.com.", "standby", {"198.51.100.10"}, 4}).status, 200);
  std::string yaml = testing::kZoneYaml;
  yaml.replace(yaml.find("- { name: www"), 0, "- { name: new, type: A, value: 192.0.2.99 }\n  ");
  dir_.write("example.com.yaml", yaml);
  s->reload(config());
  EXPECT_THAT(a(), ElementsAre("app.example.com. 30 IN A 198.51.100.10"));
  EXPECT_THAT(a("new.example.com."), ElementsAre("new.example.com. 300 IN A 192.0.2.99"));
}

TEST_F(ServingStateTest, BrokenConfigFailsToLoadWithPosition) {
  dir_.write("example.com.yaml", std::string(testing::kZoneYaml) + "bogus: 1\n");
  try {
    config();
    FAIL();
  } catch (const ConfigLoadError& e) {
    EXPECT_THAT(e.what(), HasSubstr("example.com.yaml:17:1: unknown key"));
  }
}

}  // namespace
}  // namespace flipdns::decisions

namespace flipdns::decisions {
namespace {

uint32_t served_serial(const ServingState& s) {
  return s.snapshot()->zones()[0].overlay->serial;
}

class SerialTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_.write("example.com.yaml", testing::kZoneYaml); }
  std::unique_ptr<ServingState> start() {
    return std::make_unique<ServingState>(load_served_config(dir_.path(), {}),
                                          DecisionStore(dir_.path() / "state"), [](auto) {});
  }
  void edit(const std::string& extra_record) {
    std::string yaml = testing::kZoneYaml;
    yaml.replace(yaml.find("  - { name: www"), 0, extra_record);
    dir_.write("example.com.yaml", yaml);
    // The same modification time as before: the base serial cannot tell the versions apart.
    std::filesystem::last_write_time(dir_.path() / "example.com.yaml", mtime_);
  }
  testing::TempDir dir_;
  std::filesystem::file_time_type mtime_ = std::filesystem::file_time_type::clock::now();
};

TEST_F(SerialTest, ChangedDataAlwaysMovesTheSerialForward) {
  std::filesystem::last_write_time(dir_.path() / "example.com.yaml", mtime_);
  auto s = start();
  uint32_t first = served_serial(*s);
  edit("  - { name: a, type: A, value: 192.0.2.1 }\n");
  s->reload(load_served_config(dir_.path(), {}));
  EXPECT_EQ(served_serial(*s), first + 1);
  s->reload(load_served_config(dir_.path(), {}));  // same data again
  EXPECT_EQ(served_serial(*s), first + 1);
}

TEST_F(SerialTest, RemovingAGroupWithAHighEpochDoesNotTakeTheSerialBack) {
  auto s = start();
  ASSERT_EQ(s->put({"app.example.com.", "standby", {"198.51.100.10"}, 1000000}).status, 200);
  uint32_t high = served_serial(*s);
  std::string yaml = testing::kZoneYaml;
  dir_.write("example.com.yaml", yaml.substr(0, yaml.find("groups:")) +
                                     "  - { name: app, type: A, value: 192.0.2.5 }\n");
  s->reload(load_served_config(dir_.path(), {}));
  EXPECT_EQ(served_serial(*s), high + 1);
  auto restarted = start();  // and not after a restart either
  EXPECT_EQ(served_serial(*restarted), high + 1);
}

TEST_F(SerialTest, EpochJumpPastHalfTheSerialSpaceStillMovesForward) {
  auto s = start();
  uint32_t before = served_serial(*s);
  ASSERT_EQ(s->put({"app.example.com.", "standby", {"198.51.100.10"}, 3000000000ull}).status, 200);
  uint32_t after = served_serial(*s);
  EXPECT_TRUE(after != before && static_cast<uint32_t>(after - before) < 0x80000000u);
}

}  // namespace
}  // namespace flipdns::decisions
