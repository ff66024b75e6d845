#include "resolver/control/bearer_auth.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "resolver/decisions/test_config.h"

namespace flipdns::control {
namespace {

using ::testing::HasSubstr;

TEST(BearerAuthTest, AcceptsOnlyTheExactToken) {
  BearerAuth auth("s3cret-Token_1");
  EXPECT_TRUE(auth.check("Bearer s3cret-Token_1"));
  EXPECT_TRUE(auth.check("bearer s3cret-Token_1"));  // the scheme is case-insensitive
  EXPECT_TRUE(auth.check("BEARER  s3cret-Token_1 "));
  EXPECT_FALSE(auth.check("Bearer s3cret-token_1"));  // the token is not
  EXPECT_FALSE(auth.check("Bearer s3cret-Token_"));
  EXPECT_FALSE(auth.check("Bearer s3cret-Token_12"));
  EXPECT_FALSE(auth.check("Bearer "));
  EXPECT_FALSE(auth.check("Bearer"));
  EXPECT_FALSE(auth.check("Bearers3cret-Token_1"));
  EXPECT_FALSE(auth.check("Basic s3cret-Token_1"));
  EXPECT_FALSE(auth.check("s3cret-Token_1"));
  EXPECT_FALSE(auth.check(""));
}

TEST(BearerAuthTest, RejectsTokensThatCannotBeSent) {
  EXPECT_THROW(BearerAuth(""), std::invalid_argument);
  EXPECT_THROW(BearerAuth("two words"), std::invalid_argument);
  EXPECT_THROW(BearerAuth("tab\there"), std::invalid_argument);
}

class TokenFileTest : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& text) {
    dir_.write("token", text);
    return dir_.path() / "token";
  }
  decisions::testing::TempDir dir_;
};

TEST_F(TokenFileTest, FirstLineWithoutItsLineEnding) {
  EXPECT_TRUE(BearerAuth::from_file(write("abc\n")).check("Bearer abc"));
  EXPECT_TRUE(BearerAuth::from_file(write("abc\r\nignored\n")).check("Bearer abc"));
  EXPECT_TRUE(BearerAuth::from_file(write("abc")).check("Bearer abc"));
  EXPECT_FALSE(BearerAuth::from_file(write("abc\nignored\n")).check("Bearer ignored"));
}

TEST_F(TokenFileTest, MissingOrEmptyFileIsAStartupError) {
  auto expect_error = [](const std::filesystem::path& p, const std::string& what) {
    try {
      BearerAuth::from_file(p);
      ADD_FAILURE() << "no error for " << p;
    } catch (const std::runtime_error& e) {
      EXPECT_THAT(e.what(), HasSubstr(p.string()));
      EXPECT_THAT(e.what(), HasSubstr(what));
    }
  };
  expect_error(dir_.path() / "absent", "cannot read");
  expect_error(write(""), "empty");
  expect_error(write("\n"), "empty");
  expect_error(write("has space\n"), "whitespace");
}

}  // namespace
}  // namespace flipdns::control
