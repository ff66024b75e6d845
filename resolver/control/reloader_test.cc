#include "resolver/control/reloader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "resolver/control/test_state.h"

namespace flipdns::control {
namespace {

using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;
using namespace std::chrono_literals;

class ReloaderTest : public ::testing::Test {
 protected:
  std::chrono::system_clock::time_point now_{1714566896s};
  testing::TestState t_;
  ReloadStatus status_{now_};
  Reloader reloader_{t_.state(), status_, [this] { return t_.load(); }, [this] { return now_; }};
};

TEST_F(ReloaderTest, GoodConfigIsSwappedInAndRecorded) {
  std::string yaml = decisions::testing::kZoneYaml;
  yaml.replace(yaml.find("192.0.2.10,"), 11, "192.0.2.12,");
  t_.write_zone(yaml);
  now_ += 5s;
  ReloadResult r = reloader_.reload();
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.at, now_);
  EXPECT_THAT(t_.app_a(), UnorderedElementsAre("app.example.com. 30 IN A 192.0.2.11",
                                               "app.example.com. 30 IN A 192.0.2.12"));
  auto v = status_.view();
  EXPECT_EQ(v.ok, 1u);
  EXPECT_EQ(v.last.at, now_);
}

TEST_F(ReloaderTest, InvalidConfigChangesNothingAndIsRecorded) {
  auto before = t_.state().config();
  t_.break_zone();
  ReloadResult r = reloader_.reload();
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.invalid_config);
  EXPECT_THAT(r.error, HasSubstr("example.com.yaml:17:1: unknown key"));
  EXPECT_EQ(t_.state().config(), before);
  auto v = status_.view();
  EXPECT_EQ(v.failed, 1u);
  EXPECT_FALSE(v.last.ok);
  EXPECT_EQ(v.last.error, r.error);
}

TEST(ReloaderOtherFailuresTest, AreFailuresButNotInvalidConfig) {
  testing::TestState t;
  ReloadStatus status(std::chrono::system_clock::now());
  auto before = t.state().config();
  Reloader throws(t.state(), status, []() -> std::shared_ptr<const decisions::ServedConfig> {
    throw std::runtime_error("disk on fire");
  });
  ReloadResult r = throws.reload();
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.invalid_config);
  EXPECT_EQ(r.error, "disk on fire");
  Reloader empty(t.state(), status, [] { return nullptr; });
  EXPECT_FALSE(empty.reload().ok);
  EXPECT_EQ(status.view().failed, 2u);
  EXPECT_EQ(t.state().config(), before);
}

}  // namespace
}  // namespace flipdns::control
