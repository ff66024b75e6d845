#include "controller/cli/json_fields.h"

#include <gtest/gtest.h>

namespace flipdns::cli {
namespace {

using nlohmann::json;

TEST(JsonFields, FirstPresentKeyAsText) {
  json j = json::parse(R"({"a": null, "b": "x", "n": 7, "t": true, "o": {}})");
  EXPECT_EQ(field_text(j, {"a", "b"}), "x");  // null counts as absent
  EXPECT_EQ(field_text(j, {"n"}), "7");
  EXPECT_EQ(field_text(j, {"t"}), "true");
  EXPECT_EQ(field_text(j, {"o"}), "-");  // not printable as one cell
  EXPECT_EQ(field_text(j, {"missing"}, ""), "");
  EXPECT_EQ(field_text(json::array(), {"a"}), "-");
  EXPECT_TRUE(field(j, {"missing"}).is_null());
  EXPECT_TRUE(field(json("text"), {"a"}).is_null());
}

TEST(JsonFields, ListOf) {
  EXPECT_EQ(list_of(json::parse("[1, 2]"), {"x"}).size(), 2u);
  EXPECT_EQ(list_of(json::parse(R"({"x": 1, "y": [3]})"), {"x", "y"}), json::parse("[3]"));
  EXPECT_TRUE(list_of(json::parse(R"({"x": {}})"), {"x"}).empty());
  EXPECT_TRUE(list_of(json(nullptr), {"x"}).empty());
}

TEST(JsonFields, JoinMembers) {
  EXPECT_EQ(join_members(json::parse(R"(["192.0.2.1", "2001:db8::1"])")), "192.0.2.1, 2001:db8::1");
  EXPECT_EQ(join_members(json::parse(R"([{"address": "a"}, {"member": "b"}])")), "a, b");
  EXPECT_EQ(join_members(json::array()), "-");
  EXPECT_EQ(join_members(json(nullptr)), "-");
}

}  // namespace
}  // namespace flipdns::cli
