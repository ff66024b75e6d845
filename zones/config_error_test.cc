#include "zones/config_error.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace flipdns::zones {
namespace {

TEST(ConfigError, PrintsFileLineColumnMessage) {
  EXPECT_EQ((ConfigError{"z/a.yaml", 3, 7, "bad"}).to_string(), "z/a.yaml:3:7: bad");
  EXPECT_EQ((ConfigError{"z/a.zone", 3, 0, "bad"}).to_string(), "z/a.zone:3: bad");
  EXPECT_EQ((ConfigError{"z/", 0, 0, "empty"}).to_string(), "z/: empty");
}

TEST(ConfigError, SortsByFileLineColumnKeepingOrderAtOnePlace) {
  ConfigErrors e{{"b", 1, 1, "b1"},
                 {"a", 9, 1, "a9"},
                 {"a", 2, 5, "a2-5"},
                 {"a", 2, 3, "first"},
                 {"a", 2, 3, "second"}};
  sort_errors(e);
  std::vector<std::string> got;
  for (auto& x : e) got.push_back(x.message);
  EXPECT_THAT(got, ::testing::ElementsAre("first", "second", "a2-5", "a9", "b1"));
}

TEST(ConfigError, DescribeNamesTheFileOnlyWhenItDiffers) {
  EXPECT_EQ(describe(Location{"a.yaml", 4, 2}, "a.yaml"), "line 4, column 2");
  EXPECT_EQ(describe(Location{"a.zone", 4, 0}, "a.yaml"), "a.zone line 4");
}

TEST(ConfigError, ExceptionListsEveryError) {
  ConfigException e({{"a", 1, 2, "x"}, {"b", 3, 4, "y"}});
  EXPECT_STREQ(e.what(), "a:1:2: x\nb:3:4: y");
  EXPECT_EQ(e.errors().size(), 2u);
}

}  // namespace
}  // namespace flipdns::zones
