#include "controller/cli/cli_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace flipdns::cli {
namespace {

using ::testing::ElementsAre;

CommandLine parse(std::vector<std::string> argv, Environment env = {}) {
  auto r = parse_command_line(argv, env);
  if (auto* e = std::get_if<UsageError>(&r)) ADD_FAILURE() << e->message;
  return std::get<CommandLine>(r);
}

std::string error(std::vector<std::string> argv) {
  auto r = parse_command_line(argv, {});
  if (auto* e = std::get_if<UsageError>(&r)) return e->message;
  return "";
}

TEST(CliOptions, TakesGlobalOptionsBeforeOrAfterTheCommand) {
  CommandLine a = parse({"--json", "--controller", "http://c:1", "--token=t1", "lint", "zones/"});
  EXPECT_TRUE(a.global.json);
  EXPECT_EQ(a.global.controller, "http://c:1");
  EXPECT_EQ(a.global.token, "t1");
  EXPECT_EQ(a.command, "lint");
  EXPECT_THAT(a.args, ElementsAre("zones/"));

  CommandLine b = parse({"lint", "zones/", "--json", "--controller=http://c:2"});
  EXPECT_TRUE(b.global.json);
  EXPECT_EQ(b.global.controller, "http://c:2");
  EXPECT_THAT(b.args, ElementsAre("zones/"));
}

TEST(CliOptions, LeavesCommandOptionsToTheCommand) {
  CommandLine c = parse({"flip", "app.example.com.", "standby", "--reason", "AZ down"});
  EXPECT_EQ(c.command, "flip");
  EXPECT_THAT(c.args, ElementsAre("app.example.com.", "standby", "--reason", "AZ down"));
}

TEST(CliOptions, EnvironmentGivesDefaultsThatFlagsOverride) {
  Environment env{"http://env:1", "envtoken"};
  CommandLine a = parse({"status"}, env);
  EXPECT_EQ(a.global.controller, "http://env:1");
  EXPECT_EQ(a.global.token, "envtoken");
  CommandLine b = parse({"status", "--token", "flag", "--controller", "http://flag:2"}, env);
  EXPECT_EQ(b.global.controller, "http://flag:2");
  EXPECT_EQ(b.global.token, "flag");
}

TEST(CliOptions, TokenFileReplacesTheEnvironmentsTokenButNotTheFlag) {
  Environment env{"http://env:1", "envtoken"};
  CommandLine a = parse({"status", "--token-file", "/run/t"}, env);
  EXPECT_EQ(a.global.token_file, "/run/t");
  EXPECT_EQ(a.global.token, "");
  EXPECT_EQ(error({"status", "--token", "t", "--token-file=/run/t"}),
            "give --token or --token-file, not both");
}

TEST(CliOptions, TimeoutAndCaFile) {
  CommandLine a = parse({"status", "--timeout", "1500ms", "--ca-file=/etc/ca.pem"});
  EXPECT_EQ(a.global.timeout.count(), 1500);
  EXPECT_EQ(a.global.ca_file, "/etc/ca.pem");
  EXPECT_EQ(parse({"status"}).global.timeout.count(), 10000);
  EXPECT_EQ(error({"status", "--timeout", "5"}),
            "--timeout: \"5\" is not a duration (write 500ms, 10s, 1m)");
  EXPECT_EQ(error({"status", "--timeout", "0s"}),
            "--timeout: \"0s\" is not a duration (write 500ms, 10s, 1m)");
}

TEST(CliOptions, DoubleDashEndsOptions) {
  CommandLine c = parse({"lint", "--", "--json"});
  EXPECT_FALSE(c.global.json);
  EXPECT_THAT(c.args, ElementsAre("--json"));
}

TEST(CliOptions, HelpAnywhere) {
  EXPECT_TRUE(parse({"--help"}).global.help);
  EXPECT_TRUE(parse({"lint", "-h"}).global.help);
}

TEST(CliOptions, RefusesAnUnknownOptionBeforeTheCommandAndAMissingValue) {
  EXPECT_EQ(error({"--bogus", "lint"}), "unknown option --bogus");
  EXPECT_EQ(error({"lint", "--token"}), "--token needs a value");
}

}  // namespace
}  // namespace flipdns::cli
