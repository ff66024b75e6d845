#include "controller/api/requests.h"

#include <gtest/gtest.h>

namespace flipdns::api {
namespace {

TEST(ParseFlip, PoolRequiredReasonOptional) {
  auto p = parse_flip(R"({"pool":"standby","reason":"primary AZ degraded"})");
  ASSERT_TRUE(p.value) << p.error;
  EXPECT_EQ(p.value->pool, "standby");
  EXPECT_EQ(p.value->reason, "primary AZ degraded");
  p = parse_flip(R"({"pool":"standby"})");
  ASSERT_TRUE(p.value) << p.error;
  EXPECT_EQ(p.value->reason, "");
}

TEST(ParseFlip, BadBodiesSayWhy) {
  EXPECT_EQ(parse_flip("").error, "the body must be a JSON object");
  EXPECT_EQ(parse_flip("[1]").error, "the body must be a JSON object");
  EXPECT_EQ(parse_flip("{}").error, "\"pool\" is required");
  EXPECT_EQ(parse_flip(R"({"pool":""})").error, "\"pool\" must not be empty");
  EXPECT_EQ(parse_flip(R"({"pool":1})").error, "\"pool\" must be a string");
  EXPECT_EQ(parse_flip(R"({"pool":"a","reson":"typo"})").error, "unknown key \"reson\"");
}

TEST(ParsePin, NeedsAPositiveDuration) {
  auto p = parse_pin(R"({"pool":"standby","for":"1h30m","reason":"db migration"})");
  ASSERT_TRUE(p.value) << p.error;
  EXPECT_EQ(p.value->duration, std::chrono::minutes(90));
  EXPECT_EQ(parse_pin(R"({"pool":"standby"})").error, "\"for\" is required");
  EXPECT_EQ(parse_pin(R"({"pool":"standby","for":"30"})").error,
            "\"for\": '30' is not a positive duration like 30m, 2h, 90s");
  EXPECT_FALSE(parse_pin(R"({"pool":"standby","for":"0s"})").value);
}

TEST(ParseAuditQuery, DefaultsAndBounds) {
  auto q = parse_audit_query("", "");
  ASSERT_TRUE(q.value);
  EXPECT_EQ(q.value->limit, 50u);
  EXPECT_FALSE(q.value->before);
  q = parse_audit_query("10", "42");
  ASSERT_TRUE(q.value);
  EXPECT_EQ(q.value->limit, 10u);
  EXPECT_EQ(q.value->before, 42u);
  EXPECT_FALSE(parse_audit_query("0", "").value);
  EXPECT_FALSE(parse_audit_query("1001", "").value);
  EXPECT_FALSE(parse_audit_query("ten", "").value);
  EXPECT_EQ(parse_audit_query("", "-1").error, "before must be an entry id");
}

}  // namespace
}  // namespace flipdns::api
