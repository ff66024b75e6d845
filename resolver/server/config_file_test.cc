#include "resolver/server/config_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "resolver/server/options.h"

namespace flipdns::server {
namespace {

std::string write_temp(const std::string& name, const std::string& yaml) {
  auto path = std::filesystem::path(testing::TempDir()) /
              ("config_file_test_" + std::to_string(getpid()) + "_" + name);
  std::ofstream(path) << yaml;
  return path.string();
}

TEST(ConfigFile, ScalarsListsAndZoneMaps) {
  std::string path = write_temp("ok.yaml",
                                "threads: 2\n"
                                "listen: [127.0.0.1:53, '[::1]:53']\n"
                                "zone-file:\n"
                                "  example.com.: a.zone\n"
                                "  example.org.: b.zone\n");
  auto settings = read_config_file(path);
  std::filesystem::remove(path);
  ASSERT_EQ(settings.size(), 3u);
  EXPECT_EQ(settings[0].key, "threads");
  EXPECT_EQ(settings[0].values, std::vector<std::string>{"2"});
  EXPECT_EQ(settings[0].where, path + ":1:10");
  EXPECT_EQ(settings[1].values, (std::vector<std::string>{"127.0.0.1:53", "[::1]:53"}));
  EXPECT_EQ(settings[2].values,
            (std::vector<std::string>{"example.com.=a.zone", "example.org.=b.zone"}));
}

TEST(ConfigFile, EmptyFileHasNoSettings) {
  std::string path = write_temp("empty.yaml", "# nothing\n");
  EXPECT_TRUE(read_config_file(path).empty());
  std::filesystem::remove(path);
}

TEST(ConfigFile, MapsAreOnlyForZoneFiles) {
  std::string path = write_temp("map.yaml", "listen: {a: b}\n");
  EXPECT_THROW(read_config_file(path), UsageError);
  std::filesystem::remove(path);
}

TEST(ConfigFile, MissingValueIsAnError) {
  std::string path = write_temp("null.yaml", "threads:\n");
  try {
    read_config_file(path);
    ADD_FAILURE() << "expected an error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("threads: missing value"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace flipdns::server
