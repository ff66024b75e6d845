#include "common/settings/command_line.h"

#include <gtest/gtest.h>

#include "common/settings/values.h"
#include "common/settings/yaml_file_for_test.h"

namespace flipdns::settings {
namespace {

using Args = std::vector<std::string>;
using Names = std::vector<std::string>;

struct TestOptions {
  Names names = {};
  std::string dir = {};
  unsigned count = 1;
  bool on = false;
  std::string config_file = {};
};

std::string name_value(const Source& src, std::string_view v) {
  if (v.empty()) bad(src, "empty name");
  return std::string(v);
}

const Setting<TestOptions> kTable[] = {
    {.name = "name",
     .arg = "NAME",
     .help = "repeatable",
     .apply = append<&TestOptions::names, name_value>,
     .clear = clear_list<&TestOptions::names>},
    {.name = "dir", .arg = "DIR", .help = "a path", .apply = store<&TestOptions::dir, path_value>},
    {.name = "count",
     .arg = "N",
     .help = "a number",
     .apply = store<&TestOptions::count, count_up_to<10>>},
    {.name = "on", .arg = "", .help = "a switch", .apply = store<&TestOptions::on, bool_value>},
};

const ConfigRules kPerEntry{};
const ConfigRules kAtValue{
    .shape_first = true, .key_errors_at_value = true, .one_item_list_is_a_value = true};

CommandLine<TestOptions> parse(const Args& args, const ConfigRules& rules = kPerEntry) {
  return parse_command_line<TestOptions>(args, kTable, rules, TestOptions{.count = 3});
}

std::string error(const Args& args, const ConfigRules& rules = kPerEntry) {
  try {
    parse(args, rules);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

// The error for a config file holding `yaml`, with the file's path written "F".
std::string file_error(const std::string& yaml, const ConfigRules& rules = kPerEntry) {
  YamlFile f(yaml);
  return f.shorten(error({"--config", f.path()}, rules));
}

TEST(SettingsCommandLine, HelpAndVersionWinOverErrors) {
  EXPECT_EQ(parse({"--bogus", "--help"}).command, Command::kHelp);
  EXPECT_EQ(parse({"stray", "-h"}).command, Command::kHelp);
  EXPECT_EQ(parse({"--count", "0", "--version"}).command, Command::kVersion);
  EXPECT_EQ(parse({}).command, Command::kRun);
}

TEST(SettingsCommandLine, FlagsTakeTheirValueNextOrAfterAnEqualsSign) {
  TestOptions o =
      parse({"--name", "a", "--name=b", "--dir=d", "--count", "7", "--on", "--name", "--x"})
          .options;
  EXPECT_EQ(o.names, (Names{"a", "b", "--x"}));
  EXPECT_EQ(o.dir, "d");
  EXPECT_EQ(o.count, 7u);
  EXPECT_TRUE(o.on);
  EXPECT_TRUE(o.config_file.empty());
  EXPECT_FALSE(parse({"--on=false"}).options.on);
}

TEST(SettingsCommandLine, DefaultsStandUntilSomethingSetsThem) {
  EXPECT_EQ(parse({}).options.count, 3u);
  EXPECT_EQ(parse({"--count=4"}).options.count, 4u);
}

TEST(SettingsCommandLine, BadFlagsSayWhy) {
  EXPECT_EQ(error({"stray"}), "unexpected argument 'stray'");
  EXPECT_EQ(error({"-n"}), "unexpected argument '-n'");
  EXPECT_EQ(error({"--bogus=1"}), "unknown flag '--bogus'");
  EXPECT_EQ(error({"--count"}), "--count needs a value: N");
  EXPECT_EQ(error({"--config"}), "--config needs a value: FILE");
  EXPECT_EQ(error({"--count", "0"}), "--count: '0' is not a number from 1 to 10");
  EXPECT_EQ(error({"--on=maybe"}), "--on: 'maybe' is not true or false");
  // Every flag is checked before any value is read.
  EXPECT_EQ(error({"--count", "0", "--bogus"}), "unknown flag '--bogus'");
}

TEST(SettingsCommandLine, TheFileHoldsTheSameSettings) {
  YamlFile f("name: [a, b]\ndir: d\ncount: 5\non: yes\n");
  TestOptions o = parse({"--config", f.path()}).options;
  EXPECT_EQ(o.names, (Names{"a", "b"}));
  EXPECT_EQ(o.dir, f.dir() + "/d");  // relative to the file
  EXPECT_EQ(o.count, 5u);
  EXPECT_TRUE(o.on);
  EXPECT_EQ(o.config_file, f.path());
  EXPECT_TRUE(parse({"--config="}).options.config_file.empty());
}

TEST(SettingsCommandLine, FlagsWinAndARepeatableFlagReplacesTheFilesList) {
  YamlFile f("name: [a, b]\ncount: 5\n");
  TestOptions o = parse({"--name", "c", "--config=" + f.path(), "--count=6", "--name=d"}).options;
  EXPECT_EQ(o.names, (Names{"c", "d"}));
  EXPECT_EQ(o.count, 6u);
  EXPECT_EQ(parse({"--config", f.path(), "--count=6"}).options.names, (Names{"a", "b"}));
}

TEST(SettingsCommandLine, FileErrorsCarryThePositionOfTheValue) {
  EXPECT_EQ(file_error("count: 0\n"), "F:1:8: count: '0' is not a number from 1 to 10");
  EXPECT_EQ(file_error("name: a\nname: ''\n", kAtValue), "F:2:7: 'name' given twice");
  for (const ConfigRules* rules : {&kPerEntry, &kAtValue})
    EXPECT_EQ(file_error("count: [1, 2]\n", *rules), "F:1:8: 'count' takes one value, not a list");
}

TEST(SettingsCommandLine, KeyErrorsPointAtTheKeyOrAtItsValue) {
  EXPECT_EQ(file_error("count: 2\ncolour: blue\n"), "F:2:1: unknown key 'colour'");
  EXPECT_EQ(file_error("count: 2\ncolour: blue\n", kAtValue), "F:2:9: unknown key 'colour'");
  EXPECT_EQ(file_error("count: 2\ncount: 3\n"), "F:2:1: 'count' given twice");
  EXPECT_EQ(file_error("count: 2\ncount: 3\n", kAtValue), "F:2:8: 'count' given twice");
}

TEST(SettingsCommandLine, AOneItemListIsAValueOnlyWhenTheRulesSaySo) {
  EXPECT_EQ(file_error("count: [4]\n"), "F:1:8: 'count' takes one value, not a list");
  YamlFile f("count: [4]\n");
  EXPECT_EQ(parse({"--config", f.path()}, kAtValue).options.count, 4u);
}

TEST(SettingsCommandLine, ShapeErrorsComeFirstOrInTheirEntrysTurn) {
  // Per entry, an unknown key is named before its value's shape is looked at,
  // an earlier entry's bad value before a later entry's shape, and a list is
  // read one item at a time.
  const struct {
    const char* yaml;
    const char* per_entry;
    const char* shape_first;
  } kCases[] = {
      {"colour: {a: b}\n", "F:1:1: unknown key 'colour'", "F:1:9: colour: expected a value"},
      {"count: 0\ndir: {a: b}\n", "F:1:8: count: '0' is not a number from 1 to 10",
       "F:2:6: dir: expected a value"},
      {"count: 0\n[a]: b\n", "F:1:8: count: '0' is not a number from 1 to 10",
       "F:2:1: keys must be names"},
      {"name: [a, [b]]\n", "F:1:11: expected a value", "F:1:11: expected a value"},
      {"name: ['', [b]]\n", "F:1:7: name: empty name", "F:1:12: expected a value"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(file_error(c.yaml), c.per_entry) << c.yaml;
    EXPECT_EQ(file_error(c.yaml, kAtValue), c.shape_first) << c.yaml;
  }
}

TEST(SettingsCommandLine, FlagErrorsComeBeforeTheFileIsRead) {
  EXPECT_EQ(error({"--config", "/nonexistent/c.yaml", "--bogus"}), "unknown flag '--bogus'");
  EXPECT_EQ(error({"--config", "/nonexistent/c.yaml"}),
            "/nonexistent/c.yaml: cannot read the config file");
}

}  // namespace
}  // namespace flipdns::settings
