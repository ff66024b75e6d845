#include "resolver/decisions/decision.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace flipdns::decisions {
namespace {

TEST(Decision, RoundTripsThroughJson) {
  Decision d{"app.example.com.", "primary", {"192.0.2.10"}, 18446744073709551615ull};
  std::string error;
  auto back = decision_from_json(to_json(d), "", error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(*back, d);
}

TEST(Decision, RejectsBadShapes) {
  std::string error;
  auto bad = [&](const char* text) {
    error.clear();
    return !decision_from_json(nlohmann::json::parse(text), "g.", error) && !error.empty();
  };
  EXPECT_TRUE(bad(R"({"members":["192.0.2.1"],"epoch":1})"));
  EXPECT_TRUE(bad(R"({"pool":"p","epoch":1})"));
  EXPECT_TRUE(bad(R"({"pool":"p","members":[1],"epoch":1})"));
  EXPECT_TRUE(bad(R"({"pool":"p","members":[],"epoch":-1})"));
  EXPECT_TRUE(bad(R"({"pool":"p","members":[],"epoch":"7"})"));
  EXPECT_TRUE(bad(R"({"pool":"p","members":[],"epoch":1,"extra":true})"));
  EXPECT_TRUE(bad(R"([1,2])"));
  EXPECT_FALSE(bad(R"({"pool":"p","members":[],"epoch":0})"));
}

}  // namespace
}  // namespace flipdns::decisions
