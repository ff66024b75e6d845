#include "controller/cli/dispatch.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace flipdns::cli {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;

struct Outcome {
  int status;
  std::string out, err;
};

Outcome run(std::vector<std::string> argv) {
  std::ostringstream out, err;
  int status = run_flipctl(argv, Environment{}, out, err);
  return {status, out.str(), err.str()};
}

TEST(Dispatch, HelpListsCommandsAndOptionsOnStdout) {
  for (auto argv : {std::vector<std::string>{"--help"}, {"-h"}, {"help"}}) {
    Outcome r = run(argv);
    EXPECT_EQ(r.status, 0);
    EXPECT_THAT(r.out,
                HasSubstr("usage: flipctl [--controller URL] [--token TOKEN] [--json] COMMAND"));
    for (const char* line :
         {"  status \\[GROUP\\] +show each group", "  flip GROUP POOL --reason R +serve",
          "  pin GROUP POOL --for D \\[--reason R\\] +serve", "  unpin GROUP +end",
          "  history \\[--limit N\\] \\[GROUP\\] +show the audit log",
          "  servers +show each auth server", "  lint DIR +check every zone file"})
      EXPECT_THAT(r.out, ContainsRegex(line));
    EXPECT_THAT(r.out, HasSubstr("--token-file FILE"));
    EXPECT_THAT(r.out, HasSubstr("$FLIPDNS_CONTROLLER"));
    EXPECT_EQ(r.err, "");
  }
}

TEST(Dispatch, CommandHelp) {
  for (auto argv :
       {std::vector<std::string>{"lint", "--help"}, {"help", "lint"}, {"--help", "lint"}}) {
    Outcome r = run(argv);
    EXPECT_EQ(r.status, 0);
    EXPECT_THAT(r.out, HasSubstr("usage: flipctl lint DIR\n"));
    EXPECT_THAT(r.out, HasSubstr("file:line:column: message"));
    EXPECT_THAT(r.out, HasSubstr("--json"));
  }
}

TEST(Dispatch, NoCommandIsAUsageError) {
  Outcome r = run({});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("flipctl: no command given\nusage:"));
  EXPECT_EQ(r.out, "");
}

TEST(Dispatch, UnknownCommandOrOptionIsAUsageError) {
  Outcome a = run({"frobnicate"});
  EXPECT_EQ(a.status, 2);
  EXPECT_THAT(a.err, HasSubstr("flipctl: unknown command \"frobnicate\""));
  Outcome b = run({"--frob", "lint"});
  EXPECT_EQ(b.status, 2);
  EXPECT_THAT(b.err, HasSubstr("flipctl: unknown option --frob"));
}

}  // namespace
}  // namespace flipdns::cli
