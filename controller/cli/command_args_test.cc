#include "controller/cli/command_args.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace flipdns::cli {
namespace {

using ::testing::ElementsAre;

std::string error(std::vector<std::string> args) {
  auto r = parse_command_args(args, {"--reason", "--for"});
  if (auto* e = std::get_if<UsageError>(&r)) return e->message;
  return "";
}

TEST(CommandArgs, OptionsInEitherSpellingAndPositionalsInOrder) {
  auto r =
      parse_command_args({"g", "--reason", "AZ down", "p", "--for=30m"}, {"--reason", "--for"});
  auto& a = std::get<CommandArgs>(r);
  EXPECT_THAT(a.positional, ElementsAre("g", "p"));
  EXPECT_EQ(a.get("--reason"), "AZ down");
  EXPECT_EQ(a.get("--for"), "30m");
  EXPECT_TRUE(a.has("--for"));
  EXPECT_FALSE(a.has("--limit"));
  EXPECT_EQ(a.get("--limit"), "");
}

TEST(CommandArgs, AnEmptyValueIsStillGiven) {
  auto r = parse_command_args({"--reason="}, {"--reason"});
  auto& a = std::get<CommandArgs>(r);
  EXPECT_TRUE(a.has("--reason"));
  EXPECT_EQ(a.get("--reason"), "");
}

TEST(CommandArgs, Errors) {
  EXPECT_EQ(error({"--limit", "3"}), "unknown option --limit");
  EXPECT_EQ(error({"-x"}), "unknown option -x");
  EXPECT_EQ(error({"g", "--reason"}), "--reason needs a value");
  EXPECT_EQ(error({"--for", "1m", "--for=2m"}), "--for given twice");
  EXPECT_EQ(error({"-", "g"}), "");
}

}  // namespace
}  // namespace flipdns::cli
