#include "common/settings/config_file.h"

#include <gtest/gtest.h>

#include "common/settings/source.h"
#include "common/settings/yaml_file_for_test.h"

namespace flipdns::settings {
namespace {

using Values = std::vector<std::string>;

constexpr std::string_view kMapKeys[] = {"zone-file"};
const ConfigRules kDeferred{};  // shapes are checked when entries are applied
const ConfigRules kShapeFirst{
    .map_keys = kMapKeys,
    .shape_first = true,
    .not_a_value = "expected a single value",
    .no_value = "missing value",
    .item_errors_name_the_key = true,
};

std::string error(const std::string& path, const ConfigRules& rules) {
  try {
    read_config_file(path, rules);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SettingsConfigFile, ScalarsListsAndMapsWithTheirPositions) {
  YamlFile f(
      "threads: 2\n"
      "listen: [a, 'b']\n"
      "zone-file:\n"
      "  example.com.: a.zone\n"
      "  example.org.: b.zone\n"
      "one: [x]\n");
  auto entries = read_config_file(f.path(), kShapeFirst);
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].key, "threads");
  EXPECT_EQ(entries[0].values, Values{"2"});
  EXPECT_FALSE(entries[0].list);
  EXPECT_EQ(entries[0].key_where, f.path() + ":1:1");
  EXPECT_EQ(entries[0].where, f.path() + ":1:10");
  EXPECT_EQ(entries[1].values, (Values{"a", "b"}));
  EXPECT_TRUE(entries[1].list);
  EXPECT_EQ(entries[2].values, (Values{"example.com.=a.zone", "example.org.=b.zone"}));
  EXPECT_TRUE(entries[2].list);
  EXPECT_EQ(entries[2].where, f.path() + ":4:3");
  // A list of one is still a list: whether that is a value is the caller's rule.
  EXPECT_EQ(entries[3].values, Values{"x"});
  EXPECT_TRUE(entries[3].list);
}

TEST(SettingsConfigFile, EmptyFilesHaveNoEntries) {
  for (const char* text : {"", "# nothing\n", "~\n"}) {
    YamlFile f(text);
    EXPECT_TRUE(read_config_file(f.path(), kDeferred).empty()) << text;
  }
}

TEST(SettingsConfigFile, FileErrorsAreThrownWhateverTheRules) {
  YamlFile list("- listen\n");
  YamlFile scalar("listen\n");
  YamlFile syntax("listen: [a\n");
  for (const ConfigRules* rules : {&kDeferred, &kShapeFirst}) {
    EXPECT_EQ(error(list.path(), *rules), list.path() + ":1:1: expected a map of settings");
    EXPECT_EQ(error(scalar.path(), *rules), scalar.path() + ":1:1: expected a map of settings");
    EXPECT_EQ(error(syntax.path(), *rules).rfind(syntax.path() + ":2:", 0), 0u)
        << error(syntax.path(), *rules);
    EXPECT_EQ(error("/nonexistent/a.yaml", *rules),
              "/nonexistent/a.yaml: cannot read the config file");
  }
}

TEST(SettingsConfigFile, ShapeErrorsAreKeptForLaterByDefault) {
  const struct {
    const char* yaml;
    const char* key_error;
    const char* value_error;
  } kCases[] = {
      {"[a]: b\n", "F:1:1: keys must be names", ""},
      {"map: {a: b}\n", "", "F:1:6: map: expected a value"},
      // yaml-cpp places a missing value where the next line starts.
      {"none:\n", "", "F:2:1: none: expected a value"},
      {"nested: [a, [b]]\n", "", "F:1:13: expected a value"},
      // Not one of these rules' map keys.
      {"zone-file: {a: b}\n", "", "F:1:12: zone-file: expected a value"},
  };
  for (const auto& c : kCases) {
    YamlFile f(c.yaml);
    auto entries = read_config_file(f.path(), kDeferred);
    ASSERT_EQ(entries.size(), 1u) << c.yaml;
    EXPECT_EQ(f.shorten(entries[0].key_error), c.key_error) << c.yaml;
    EXPECT_EQ(f.shorten(entries[0].value_error), c.value_error) << c.yaml;
  }
}

TEST(SettingsConfigFile, ShapeFirstThrowsTheFirstMalformedEntry) {
  YamlFile key("ok: 1\n[a]: b\nmap: {a: b}\n");
  EXPECT_EQ(error(key.path(), kShapeFirst), key.path() + ":2:1: keys must be names");
  YamlFile map("ok: 1\nmap: {a: b}\n");
  EXPECT_EQ(error(map.path(), kShapeFirst), map.path() + ":2:6: map: expected a single value");
  YamlFile none("none:\n");
  EXPECT_EQ(error(none.path(), kShapeFirst), none.path() + ":2:1: none: missing value");
  YamlFile item("nested: [a, {b: c}]\n");
  EXPECT_EQ(error(item.path(), kShapeFirst),
            item.path() + ":1:13: nested: expected a single value");
  YamlFile pair("zone-file: {a: [b]}\n");
  EXPECT_EQ(error(pair.path(), kShapeFirst),
            pair.path() + ":1:16: zone-file: expected a single value");
}

}  // namespace
}  // namespace flipdns::settings
