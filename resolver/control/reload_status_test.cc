#include "resolver/control/reload_status.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace flipdns::control {
namespace {

using namespace std::chrono;

system_clock::time_point at(int y, unsigned m, unsigned d, milliseconds since_midnight) {
  return sys_days{year{y} / month{m} / day{d}} + since_midnight;
}

TEST(ReloadStatusTest, Rfc3339InUtcWithMilliseconds) {
  EXPECT_EQ(format_rfc3339(at(2024, 5, 1, 12h + 34min + 56s + 789ms)), "2024-05-01T12:34:56.789Z");
  EXPECT_EQ(format_rfc3339(at(1970, 1, 1, 0ms)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(system_clock::time_point(-1ms)), "1969-12-31T23:59:59.999Z");
}

TEST(ReloadStatusTest, StartupLoadIsTheFirstResultButNotAReload) {
  ReloadStatus s(at(2024, 5, 1, 0ms));
  auto v = s.view();
  EXPECT_TRUE(v.last.ok);
  EXPECT_EQ(v.ok, 0u);
  EXPECT_EQ(v.failed, 0u);
  EXPECT_EQ(to_json(v.last),
            (nlohmann::json{{"ok", true}, {"error", nullptr}, {"at", "2024-05-01T00:00:00.000Z"}}));
}

TEST(ReloadStatusTest, CountsAndKeepsTheLastResult) {
  ReloadStatus s(at(2024, 5, 1, 0ms));
  s.record({false, "zones/example.com.yaml:3:1: unknown key", true, at(2024, 5, 1, 1000ms)});
  auto v = s.view();
  EXPECT_FALSE(v.last.ok);
  EXPECT_EQ(v.failed, 1u);
  EXPECT_EQ(to_json(v.last), (nlohmann::json{{"ok", false},
                                             {"error", "zones/example.com.yaml:3:1: unknown key"},
                                             {"at", "2024-05-01T00:00:01.000Z"}}));
  s.record({true, "", false, at(2024, 5, 1, 2000ms)});
  v = s.view();
  EXPECT_TRUE(v.last.ok);
  EXPECT_EQ(v.ok, 1u);
  EXPECT_EQ(v.failed, 1u);
  EXPECT_TRUE(to_json(v.last)["error"].is_null());
}

}  // namespace
}  // namespace flipdns::control
