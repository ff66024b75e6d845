#include "controller/cli/cmd_history.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "controller/cli/fake_http_client.h"

namespace flipdns::cli {
namespace {

using testing::FakeHttpClient;
using ::testing::HasSubstr;
using testing::Outcome;
using testing::run;

const char* kAudit = R"J({"entries": [
  {"time": "2024-01-01T00:20:00Z", "group": "app.example.com.", "from": "standby",
   "to": "primary", "reason": "manual flip to primary by bob: back", "actor": "bob",
   "kind": "flip"},
  {"time": "2024-01-01T00:10:00Z", "group": "api.example.com.", "from": "primary",
   "to": "primary", "reason": "primary healthy (1/2)", "actor": "controller"},
  {"time": "2024-01-01T00:00:00Z", "group": "app.example.com.", "from": "primary",
   "to": "standby", "reason": "primary below min_healthy (0/2 healthy)", "actor": "controller"}
], "next": null})J";

TEST(History, Table) {
  EXPECT_EQ(format_history(nlohmann::json::parse(kAudit), std::nullopt),
            "TIME                  GROUP             KIND  CHANGE             ACTOR       REASON\n"
            "2024-01-01T00:20:00Z  app.example.com.  flip  standby → primary  bob         "
            "manual flip to primary by bob: back\n"
            "2024-01-01T00:10:00Z  api.example.com.  -     primary            controller  "
            "primary healthy (1/2)\n"
            "2024-01-01T00:00:00Z  app.example.com.  -     primary → standby  controller  "
            "primary below min_healthy (0/2 healthy)\n");
  EXPECT_EQ(format_history(nlohmann::json::parse("[]"), std::nullopt), "no audit entries\n");
  EXPECT_EQ(format_history(nlohmann::json::parse(kAudit), "x."), "no audit entries for x.\n");
}

TEST(History, LimitAndGroupGoToTheQueryAndFilter) {
  FakeHttpClient http([](const net::HttpRequest&) { return FakeHttpClient::reply(200, kAudit); });
  Outcome r = run(http, {"history", "--limit", "5", "app.example.com"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(http.requests.at(0).url, "http://ctl:8080/v1/audit?limit=1000&group=app.example.com.");
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("api.example.com.")));
  EXPECT_THAT(r.out, HasSubstr("standby → primary"));

  Outcome j = run(http, {"history", "--json", "app.example.com."});
  EXPECT_EQ(http.requests.at(1).url, "http://ctl:8080/v1/audit?limit=1000&group=app.example.com.");
  auto parsed = nlohmann::json::parse(j.out);
  EXPECT_EQ(parsed["entries"].size(), 2u);
  EXPECT_TRUE(parsed.contains("next"));

  Outcome all = run(http, {"history", "--json"});
  EXPECT_EQ(http.requests.at(2).url, "http://ctl:8080/v1/audit");
  EXPECT_EQ(nlohmann::json::parse(all.out), nlohmann::json::parse(kAudit));

  EXPECT_EQ(run(http, {"history", "--limit=5"}).status, 0);
  EXPECT_EQ(http.requests.at(3).url, "http://ctl:8080/v1/audit?limit=5");
}

TEST(History, LimitCountsTheGroupsEntries) {
  FakeHttpClient http([](const net::HttpRequest&) { return FakeHttpClient::reply(200, kAudit); });
  Outcome r = run(http, {"history", "--json", "--limit", "1", "app.example.com."});
  auto parsed = nlohmann::json::parse(r.out);
  ASSERT_EQ(parsed["entries"].size(), 1u);
  EXPECT_EQ(parsed["entries"][0]["to"], "primary");
}

TEST(History, UsageErrors) {
  FakeHttpClient http;
  for (const char* bad : {"0", "-1", "x", "5x", ""}) {
    Outcome r = run(http, {"history", "--limit", bad});
    EXPECT_EQ(r.status, 2) << bad;
    EXPECT_THAT(r.err, HasSubstr("--limit")) << bad;
  }
  EXPECT_EQ(run(http, {"history", "a", "b"}).status, 2);
  EXPECT_TRUE(http.requests.empty());
}

}  // namespace
}  // namespace flipdns::cli
