#include "controller/publish/decision_wire.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace flipdns::publish {
namespace {

TEST(DecisionWire, PutBodyIsTheContractsShape) {
  WireDecision d{"app.example.com.", "standby", {"198.51.100.10", "198.51.100.11"}, 7};
  EXPECT_EQ(nlohmann::json::parse(put_body(d)),
            nlohmann::json::parse(
                R"({"pool":"standby","members":["198.51.100.10","198.51.100.11"],"epoch":7})"));
}

TEST(DecisionWire, UrlsCarryTheGroupLiterallyWithItsTrailingDot) {
  EXPECT_EQ(decision_url("http://127.0.0.1:8053", "app.example.com."),
            "http://127.0.0.1:8053/v1/decisions/app.example.com.");
  EXPECT_EQ(decision_url("https://ns1.example.com:8443/", "_x.example.com."),
            "https://ns1.example.com:8443/v1/decisions/_x.example.com.");
  EXPECT_EQ(decision_url("http://h", "a b/c."), "http://h/v1/decisions/a%20b%2Fc.");
  EXPECT_EQ(decisions_url("http://h:1//"), "http://h:1/v1/decisions");
}

TEST(DecisionWire, ParsesTheServersDecisions) {
  std::string error;
  auto got = parse_decisions(
      R"({"decisions":[{"group":"app.example.com.","pool":"primary","members":["192.0.2.10"],"epoch":18446744073709551615},
                       {"group":"api.example.com.","pool":"primary","members":[],"epoch":0}]})",
      error);
  ASSERT_TRUE(got) << error;
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].epoch, 18446744073709551615ull);
  EXPECT_EQ((*got)[0].members, std::vector<std::string>{"192.0.2.10"});
  EXPECT_EQ((*got)[1].epoch, 0u);
}

TEST(DecisionWire, RejectsWhatIsNotTheContract) {
  std::string error;
  EXPECT_FALSE(parse_decisions("[]", error));
  EXPECT_FALSE(parse_decisions("not json", error));
  EXPECT_FALSE(parse_decisions(
      R"({"decisions":[{"group":"g.","pool":"p","members":[],"epoch":-1}]})", error));
  EXPECT_FALSE(parse_decisions(
      R"({"decisions":[{"group":"g.","pool":"p","members":[1],"epoch":1}]})", error));
  EXPECT_NE(error.find("members"), std::string::npos);
}

TEST(DecisionWire, SameContentIgnoresMemberOrderButNotThePool) {
  WireDecision a{"g.", "primary", {"192.0.2.11", "192.0.2.10"}, 1};
  WireDecision b{"g.", "primary", {"192.0.2.10", "192.0.2.11"}, 2};
  EXPECT_TRUE(same_content(a, b));
  b.pool = "standby";
  EXPECT_FALSE(same_content(a, b));
  b.pool = "primary";
  b.members.pop_back();
  EXPECT_FALSE(same_content(a, b));
}

}  // namespace
}  // namespace flipdns::publish
