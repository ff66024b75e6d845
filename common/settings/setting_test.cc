#include "common/settings/setting.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

namespace flipdns::settings {
namespace {

struct TestOptions {
  std::string name = {};
  std::vector<int> numbers = {};
};

std::string upper(const Source&, std::string_view v) {
  std::string out(v);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

int length(const Source&, std::string_view v) {
  return static_cast<int>(v.size());
}

const Setting<TestOptions> kName{
    .name = "name", .arg = "NAME", .help = "", .apply = store<&TestOptions::name, upper>};
const Setting<TestOptions> kNumber{.name = "number",
                                   .arg = "N",
                                   .help = "",
                                   .apply = append<&TestOptions::numbers, length>,
                                   .clear = clear_list<&TestOptions::numbers>};
const Setting<TestOptions> kSwitch{
    .name = "on", .arg = "", .help = "", .apply = store<&TestOptions::name, upper>};

TEST(SettingsSetting, StoreAppendAndClearListReadIntoTheirMember) {
  TestOptions o;
  const Source src;
  kName.apply(o, src, "ab");
  EXPECT_EQ(o.name, "AB");
  kNumber.apply(o, src, "abc");
  kNumber.apply(o, src, "");
  EXPECT_EQ(o.numbers, (std::vector<int>{3, 0}));
  kNumber.clear(o);
  EXPECT_TRUE(o.numbers.empty());
}

TEST(SettingsSetting, RepeatableSettingsAreTheOnesThatCanBeCleared) {
  EXPECT_FALSE(kName.repeatable());
  EXPECT_TRUE(kNumber.repeatable());
  EXPECT_FALSE(kName.is_switch());
  EXPECT_TRUE(kSwitch.is_switch());
}

TEST(SettingsSetting, FoundByName) {
  const Setting<TestOptions> table[] = {kName, kNumber, kSwitch};
  EXPECT_EQ(find_setting<TestOptions>(table, "number"), &table[1]);
  EXPECT_EQ(find_setting<TestOptions>(table, "--number"), nullptr);
  EXPECT_EQ(find_setting<TestOptions>(table, ""), nullptr);
}

}  // namespace
}  // namespace flipdns::settings
