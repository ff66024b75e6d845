#include "controller/cli/group_name.h"

#include <gtest/gtest.h>

namespace flipdns::cli {
namespace {

TEST(GroupName, AddsTheTrailingDotOnce) {
  EXPECT_EQ(normalize_group("app.example.com"), "app.example.com.");
  EXPECT_EQ(normalize_group("app.example.com."), "app.example.com.");
  EXPECT_EQ(normalize_group(""), "");
}

TEST(GroupName, PathSegmentKeepsNamesAndEscapesTheRest) {
  EXPECT_EQ(path_segment("app.example.com."), "app.example.com.");
  EXPECT_EQ(path_segment("my_app-1.example.com."), "my_app-1.example.com.");
  EXPECT_EQ(path_segment("a/b?c d#"), "a%2Fb%3Fc%20d%23");
  EXPECT_EQ(path_segment("\xc3\xa9"), "%C3%A9");
}

}  // namespace
}  // namespace flipdns::cli
