#include "controller/cli/cmd_lint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "controller/cli/dispatch.h"
#include "zones/test_files.h"

namespace flipdns::cli {
namespace {

using ::testing::HasSubstr;
using zones::testing::TempDir;

struct Outcome {
  int status;
  std::string out, err;
};

Outcome run(std::vector<std::string> argv) {
  std::ostringstream out, err;
  int status = run_flipctl(argv, Environment{}, out, err);
  return {status, out.str(), err.str()};
}

std::string zone(const char* name, std::string_view extra = "") {
  return "zone: " + std::string(name) +
         "\n"
         "soa: { mname: ns1.example., rname: hostmaster.example. }\n"
         "ns: [ns1.example.]\n"
         "groups:\n"
         "  app:\n"
         "    check: { type: http }\n"
         "    pools: [{ name: p, members: [192.0.2.1] }]\n" +
         std::string(extra);
}

TEST(Lint, CleanDirectoryExitsZeroWithASummary) {
  TempDir d;
  d.write("example.org.yaml", zone("example.org."));
  d.write("example.net.yaml", zone("example.net."));
  Outcome r = run({"lint", d.path().string()});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, d.path().string() + "/: 2 zones, 2 groups, 0 errors\n");
  EXPECT_EQ(r.err, "");
}

TEST(Lint, PrintsEveryErrorWithPositionAndExitsTwo) {
  TempDir d;
  d.write("example.org.yaml", zone("example.org.", "ttl: x\n"));
  d.write("example.net.yaml", zone("example.com.", "bogus: 1\n"));
  Outcome r = run({"lint", d.path().string() + "/"});
  EXPECT_EQ(r.status, 2);
  std::string net = d.path().string() + "/example.net.yaml",
              org = d.path().string() + "/example.org.yaml";
  EXPECT_EQ(r.err,
            net +
                ":1:7: zone example.com. does not match the file name example.net.yaml "
                "(expected example.com.yaml)\n" +
                net +
                ":8:1: unknown key \"bogus\" in zone file (expected one of: zone, ttl, soa, ns, "
                "include, records, groups)\n" +
                org + ":8:6: ttl: \"x\" is not a number of seconds (write 300 or 5m)\n");
  EXPECT_EQ(r.out, d.path().string() + "/: 2 zones, 2 groups, 3 errors\n");
}

TEST(Lint, SingularCounts) {
  TempDir d;
  d.write("example.org.yaml", zone("example.org.", "ttl: x\n"));
  Outcome r = run({"lint", d.path().string()});
  EXPECT_EQ(r.out, d.path().string() + "/: 1 zone, 1 group, 1 error\n");
}

TEST(Lint, JsonReport) {
  TempDir d;
  d.write("example.org.yaml", zone("example.org.", "ttl: x\n"));
  Outcome r = run({"lint", "--json", d.path().string()});
  EXPECT_EQ(r.status, 2);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["dir"], d.path().string());
  EXPECT_EQ(j["ok"], false);
  EXPECT_TRUE(j["commit"].is_null());
  EXPECT_EQ(j["zone_count"], 1);
  EXPECT_EQ(j["group_count"], 1);
  EXPECT_EQ(j["error_count"], 1);
  EXPECT_EQ(j["zones"][0]["zone"], "example.org.");
  EXPECT_EQ(j["zones"][0]["groups"][0], "app.example.org.");
  EXPECT_EQ(j["errors"][0]["file"], d.path().string() + "/example.org.yaml");
  EXPECT_EQ(j["errors"][0]["line"], 8);
  EXPECT_EQ(j["errors"][0]["column"], 6);
  EXPECT_EQ(j["errors"][0]["message"], "ttl: \"x\" is not a number of seconds (write 300 or 5m)");
  // Errors still reach stderr for people and logs.
  EXPECT_THAT(r.err, HasSubstr(":8:6: ttl:"));
}

TEST(Lint, JsonReportOfACleanCheckout) {
  TempDir d;
  d.write(".git/HEAD", "0123456789abcdef0123456789abcdef01234567\n");
  d.write("example.org.yaml", zone("example.org."));
  Outcome r = run({"--json", "lint", d.path().string()});
  EXPECT_EQ(r.status, 0);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["ok"], true);
  EXPECT_EQ(j["commit"], "0123456789abcdef0123456789abcdef01234567");
  EXPECT_TRUE(j["errors"].empty());
}

TEST(Lint, MissingDirectoryIsAConfigurationError) {
  Outcome r = run({"lint", "/nonexistent/zones"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "/nonexistent/zones: not a directory\n");
}

TEST(Lint, UsageErrors) {
  Outcome none = run({"lint"});
  EXPECT_EQ(none.status, 2);
  EXPECT_EQ(none.err, "flipctl lint: no directory given\nusage: flipctl lint DIR\n");
  Outcome two = run({"lint", "a", "b"});
  EXPECT_EQ(two.status, 2);
  EXPECT_THAT(two.err, HasSubstr("give one directory"));
  Outcome opt = run({"lint", "--strict", "a"});
  EXPECT_EQ(opt.status, 2);
  EXPECT_THAT(opt.err, HasSubstr("flipctl lint: unknown option --strict"));
}

}  // namespace
}  // namespace flipdns::cli
