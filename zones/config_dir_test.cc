#include "zones/config_dir.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "zones/test_files.h"

namespace flipdns::zones {
namespace {

using ::testing::ElementsAre;
using testing::TempDir;

constexpr std::string_view kGroup =
    "groups:\n"
    "  app:\n"
    "    check: { type: http }\n"
    "    pools: [{ name: p, members: [192.0.2.1] }]\n";

std::string zone(const char* name) {
  return "zone: " + std::string(name) +
         "\n"
         "soa: { mname: ns1.example., rname: hostmaster.example. }\n"
         "ns: [ns1.example.]\n" +
         std::string(kGroup);
}

TEST(ConfigDir, LoadsTheShippedExamples) {
  LoadResult r = load_config_dir(std::filesystem::path(FLIPDNS_SOURCE_DIR) / "zones");
  EXPECT_THAT(testing::strings(r.errors), ElementsAre());
  ASSERT_EQ(r.config.zones.size(), 2u);
  EXPECT_EQ(r.config.zones[0].name, "example.com.");
  EXPECT_EQ(r.config.zones[1].name, "example.net.");
  EXPECT_EQ(r.config.group_count(), 6u);
  std::vector<std::string> groups;
  for (const Group& g : r.config.zones[0].groups) groups.push_back(g.name);
  EXPECT_THAT(groups, ElementsAre("app.example.com.", "api.example.com.", "portal.example.com.",
                                  "sync.example.com.", "mail.example.com."));
}

TEST(ConfigDir, LoadsEveryYamlFileInNameOrderAndNothingElse) {
  TempDir d;
  d.write("example.org.yaml", zone("example.org."));
  d.write("example.net.yaml", zone("example.net."));
  d.write(".hidden.yaml", "not: [a zone");
  d.write("notes.yml", "not: [a zone");
  d.write("README.md", "# zones");
  d.write("sub/example.edu.yaml", zone("example.edu."));
  LoadResult r = load_config_dir(d.path());
  EXPECT_TRUE(r.ok());
  ASSERT_EQ(r.config.zones.size(), 2u);
  EXPECT_EQ(r.config.zones[0].name, "example.net.");
  EXPECT_EQ(r.config.zones[0].file, (d.path() / "example.net.yaml").string());
  EXPECT_EQ(r.config.zones[1].name, "example.org.");
  EXPECT_EQ(r.config.group_count(), 2u);
  EXPECT_EQ(r.config.commit, std::nullopt);
}

TEST(ConfigDir, ReportsTheCommitOfACheckout) {
  TempDir d;
  d.write(".git/HEAD", "0123456789abcdef0123456789abcdef01234567\n");
  d.write("example.org.yaml", zone("example.org."));
  EXPECT_EQ(load_config_dir(d.path()).config.commit, "0123456789abcdef0123456789abcdef01234567");
}

TEST(ConfigDir, ReportsErrorsOfEveryFileSorted) {
  TempDir d;
  d.write("b.example.yaml", zone("b.example.") + "ttl: x\n");
  d.write("a.example.yaml", "zone: a.example.\nbogus: 1\n");
  LoadResult r = load_config_dir(d.path());
  std::string a = (d.path() / "a.example.yaml").string(),
              b = (d.path() / "b.example.yaml").string();
  EXPECT_THAT(
      testing::strings(r.errors),
      ElementsAre(
          a + ":1:1: zone file: missing required key \"soa\"",
          a + ":1:1: ns: a zone needs at least one name server",
          a + ":2:1: unknown key \"bogus\" in zone file (expected one of: zone, ttl, soa, ns, "
              "include, records, groups)",
          b + ":8:6: ttl: \"x\" is not a number of seconds (write 300 or 5m)"));
  // Sorted in the result itself, not only by the test helper.
  EXPECT_EQ(r.errors.front().file, a);
  EXPECT_EQ(r.errors.back().file, b);
}

TEST(ConfigDir, ReportsTwoFilesForOneZone) {
  TempDir d;
  d.write("example.org.yaml", zone("example.org."));
  d.write("EXAMPLE.org.yaml", zone("example.org."));
  LoadResult r = load_config_dir(d.path());
  EXPECT_THAT(testing::strings(r.errors),
              ElementsAre((d.path() / "example.org.yaml").string() +
                          ":1:7: zone example.org. is also defined in " +
                          (d.path() / "EXAMPLE.org.yaml").string() + " (line 1, column 7)"));
}

TEST(ConfigDir, ReportsAnEmptyOrMissingDirectory) {
  TempDir d;
  EXPECT_THAT(testing::strings(load_config_dir(d.path()).errors),
              ElementsAre(d.path().string() + ": no zone files (*.yaml) in the directory"));
  EXPECT_THAT(testing::strings(load_config_dir(d.path() / "missing").errors),
              ElementsAre((d.path() / "missing").string() + ": not a directory"));
}

TEST(ConfigDir, OrThrowListsEveryError) {
  TempDir d;
  d.write("example.org.yaml", zone("example.org.") + "ttl: x\nfoo: 1\n");
  try {
    load_config_dir_or_throw(d.path());
    FAIL() << "no exception";
  } catch (const ConfigException& e) {
    EXPECT_EQ(e.errors().size(), 2u);
  }
  d.write("example.org.yaml", zone("example.org."));
  EXPECT_EQ(load_config_dir_or_throw(d.path()).zones.size(), 1u);
}

}  // namespace
}  // namespace flipdns::zones
