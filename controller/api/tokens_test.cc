#include "controller/api/tokens.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace flipdns::api {
namespace {

TEST(TokenTable, RolesAndOptionalNames) {
  TokenTable t = TokenTable::parse(
      "# who may do what\n"
      "read r3ad-t0ken\n"
      "\n"
      "operator 0p-t0ken carol\r\n"
      "operator anonymous-op\n",
      "tokens");
  EXPECT_EQ(t.size(), 3u);
  auto r = t.authenticate("Bearer r3ad-t0ken");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->role, Role::kRead);
  EXPECT_EQ(r->actor(), "read");
  auto op = t.authenticate("bearer 0p-t0ken");
  ASSERT_TRUE(op);
  EXPECT_EQ(op->role, Role::kOperator);
  EXPECT_EQ(op->actor(), "operator:carol");
  EXPECT_EQ(t.authenticate("Bearer anonymous-op")->actor(), "operator");
}

TEST(TokenTable, RefusesWhatIsNotAToken) {
  TokenTable t = TokenTable::parse("read r3ad-t0ken\n", "tokens");
  EXPECT_FALSE(t.authenticate(""));
  EXPECT_FALSE(t.authenticate("Bearer "));
  EXPECT_FALSE(t.authenticate("Bearer r3ad-t0ke"));
  EXPECT_FALSE(t.authenticate("Bearer r3ad-t0ken2"));
  EXPECT_FALSE(t.authenticate("Basic r3ad-t0ken"));
  EXPECT_FALSE(t.authenticate("r3ad-t0ken"));
}

TEST(TokenTable, BadFilesSayWhereAndWhy) {
  auto error = [](std::string text) {
    try {
      TokenTable::parse(text, "tokens");
    } catch (const TokenError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error("admin x\n"), "tokens:1: unknown role 'admin' (read or operator)");
  EXPECT_EQ(error("read\n"), "tokens:1: expected ROLE TOKEN [NAME] (ROLE: read or operator)");
  EXPECT_EQ(error("read a b c\n"), "tokens:1: expected ROLE TOKEN [NAME] (ROLE: read or operator)");
  EXPECT_EQ(error("read a\noperator a\n"), "tokens:2: this token is listed twice");
  EXPECT_EQ(error("# nothing\n"), "tokens: no tokens");
}

TEST(ReadSingleToken, TheFirstLineWithoutItsEnding) {
  auto path =
      std::filesystem::temp_directory_path() / ("flipdns-token-" + std::to_string(::getpid()));
  {
    std::ofstream f(path);
    f << "s3cret\r\nignored\n";
  }
  EXPECT_EQ(read_single_token(path), "s3cret");
  {
    std::ofstream f(path);
    f << "\n";
  }
  EXPECT_THROW(read_single_token(path), TokenError);
  std::filesystem::remove(path);
  EXPECT_THROW(read_single_token(path), TokenError);
}

}  // namespace
}  // namespace flipdns::api
