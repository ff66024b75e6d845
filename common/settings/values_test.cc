#include "common/settings/values.h"

#include <gtest/gtest.h>

#include <functional>

namespace flipdns::settings {
namespace {

using std::chrono::milliseconds;

Source flag(std::string_view key) {
  return Source{{}, "", key};
}
Source file(std::string_view key) {
  return Source{"/etc/flipdns", "/etc/flipdns/a.yaml:1:7: ", key};
}

std::string error(const std::function<void()>& f) {
  try {
    f();
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SettingsValues, PathsInTheFileAreRelativeToIt) {
  EXPECT_EQ(path_value(file("zones"), "zones"), "/etc/flipdns/zones");
  EXPECT_EQ(path_value(file("zones"), "/srv/zones"), "/srv/zones");
  EXPECT_EQ(path_value(flag("zones"), "zones"), "zones");
  EXPECT_EQ(error([] { path_value(flag("zones"), ""); }), "--zones: empty path");
  EXPECT_EQ(error([] { path_value(file("zones"), ""); }),
            "/etc/flipdns/a.yaml:1:7: zones: empty path");
}

TEST(SettingsValues, CountsAreWholeNumbersFromOneToTheMaximum) {
  EXPECT_EQ(count_value(flag("threads"), "1", 8), 1u);
  EXPECT_EQ(count_value(flag("threads"), "8", 8), 8u);
  EXPECT_EQ(count_up_to<8>(flag("threads"), "8"), 8u);
  for (const char* bad_count : {"0", "9", "", "2x", "-1", " 2", "99999999999"})
    EXPECT_EQ(error([&] { count_up_to<8>(flag("threads"), bad_count); }),
              std::string("--threads: '") + bad_count + "' is not a number from 1 to 8");
}

TEST(SettingsValues, DurationsArePositive) {
  EXPECT_EQ(duration_value(flag("timeout"), "1m30s"), milliseconds(90'000));
  EXPECT_EQ(duration_value(flag("timeout"), "1ms"), milliseconds(1));
  for (const char* bad_duration : {"0s", "10", "", "1d"})
    EXPECT_EQ(error([&] { duration_value(flag("timeout"), bad_duration); }),
              std::string("--timeout: '") + bad_duration +
                  "' is not a positive duration like 500ms, 10s, 1m");
}

TEST(SettingsValues, BooleansTakeTheYamlSpellings) {
  for (const char* yes : {"true", "yes", "on", "1"}) EXPECT_TRUE(bool_value(flag("watch"), yes));
  for (const char* no : {"false", "no", "off", "0"}) EXPECT_FALSE(bool_value(flag("watch"), no));
  EXPECT_EQ(error([] { bool_value(file("watch"), "True"); }),
            "/etc/flipdns/a.yaml:1:7: watch: 'True' is not true or false");
}

}  // namespace
}  // namespace flipdns::settings
