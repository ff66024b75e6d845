#include "controller/cli/cmd_status.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "controller/cli/fake_http_client.h"

namespace flipdns::cli {
namespace {

using testing::FakeHttpClient;
using ::testing::HasSubstr;
using testing::header;
using testing::Outcome;
using testing::run;

const char* kGroups = R"J({"groups": [
  {"group": "app.example.com.",
   "decision": {"pool": "standby", "members": ["198.51.100.10", "198.51.100.11"], "epoch": 7,
                "reason": "primary below min_healthy (0/2 healthy)",
                "at": "2024-01-01T00:10:00Z", "actor": "controller"},
   "pools": [
     {"name": "primary", "members": [{"address": "192.0.2.10", "health": "unhealthy"},
                                     {"address": "192.0.2.11", "health": "unhealthy"}]},
     {"name": "standby", "members": [{"address": "198.51.100.10", "health": "healthy"},
                                     {"address": "198.51.100.11", "health": "healthy"}]}],
   "pin": null, "alerts": []},
  {"group": "api.example.com.",
   "decision": {"pool": "primary", "members": ["192.0.2.20"], "epoch": 3},
   "pools": [{"name": "primary", "members": [{"address": "192.0.2.20", "health": "unknown"}]},
             {"name": "standby", "members": [{"address": "198.51.100.20", "health": "healthy"}]}],
   "pin": {"pool": "primary", "until": "2024-01-01T01:00:00Z", "actor": "carol"},
   "last_change": {"time": "2024-01-01T00:00:00Z", "actor": "carol"},
   "alerts": [{"kind": "no_healthy_member", "message": "primary has no healthy member"}]}
]})J";

TEST(Status, Table) {
  EXPECT_EQ(format_status(nlohmann::json::parse(kGroups)),
            "GROUP             POOL     SERVING                       HEALTH                    "
            "PIN                                 LAST CHANGE\n"
            "app.example.com.  standby  198.51.100.10, 198.51.100.11  primary 0/2, standby 2/2  "
            "-                                   2024-01-01T00:10:00Z by controller\n"
            "api.example.com.  primary  192.0.2.20                    primary 0/1, standby 1/1  "
            "primary until 2024-01-01T01:00:00Z  2024-01-01T00:00:00Z by carol\n"
            "alert api.example.com. no_healthy_member: primary has no healthy member\n");
}

TEST(Status, ToleratesMissingFieldsAndABareList) {
  EXPECT_EQ(format_status(nlohmann::json::parse(R"([{"name": "x.example."}])")),
            "GROUP       POOL  SERVING  HEALTH  PIN  LAST CHANGE\n"
            "x.example.  -     -        -       -    -\n");
  EXPECT_EQ(format_status(nlohmann::json::parse(R"({"groups": []})")),
            "no failover groups configured\n");
}

TEST(Status, HealthCountsMembersOrTakesTheControllersCount) {
  EXPECT_EQ(health_summary(nlohmann::json::parse(
                R"({"pools": [{"name": "p", "members": [{"healthy": true}, {"state": "up"},
                                                        {"health": "unknown"}]}]})")),
            "p 2/3");
  EXPECT_EQ(health_summary(nlohmann::json::parse(
                R"({"pools": [{"name": "p", "healthy": 1, "members": ["a", "b"]}]})")),
            "p 1/2");
}

TEST(Status, RunsAgainstTheController) {
  FakeHttpClient http([](const net::HttpRequest&) { return FakeHttpClient::reply(200, kGroups); });
  Outcome r = run(http, {"status"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(r.out, HasSubstr("app.example.com.  standby"));
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.requests[0].url, "http://ctl:8080/v1/groups");
  EXPECT_EQ(header(http.requests[0], "Authorization"), "Bearer op");
}

TEST(Status, JsonIsTheControllersAnswer) {
  FakeHttpClient http([](const net::HttpRequest&) { return FakeHttpClient::reply(200, kGroups); });
  Outcome r = run(http, {"status", "--json"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(nlohmann::json::parse(r.out), nlohmann::json::parse(kGroups));
}

TEST(Status, OneGroupInDetail) {
  const char* group = R"J({"group": "app.example.com.",
    "decision": {"pool": "primary", "members": ["192.0.2.10"], "epoch": 4,
                 "reason": "primary healthy (1/2); served members: -192.0.2.11"},
    "pools": [{"name": "primary", "members": [
       {"address": "192.0.2.10", "health": "healthy",
        "checks": [{"time": "2024-01-01T00:00:01Z", "ok": true, "latency": "3ms"}]},
       {"address": "192.0.2.11", "health": "unhealthy",
        "checks": [{"time": "2024-01-01T00:00:02Z", "result": "fail", "latency_ms": 500,
                    "error": "timeout"}]}]}],
    "status": "hold-down: flip to standby allowed in 7s", "warmed_up": false})J";
  FakeHttpClient http([&](const net::HttpRequest&) { return FakeHttpClient::reply(200, group); });
  Outcome r = run(http, {"status", "app.example.com"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(http.requests.at(0).url, "http://ctl:8080/v1/groups/app.example.com.");
  EXPECT_EQ(r.out,
            "group:     app.example.com.\n"
            "pool:      primary\n"
            "serving:   192.0.2.10\n"
            "epoch:     4\n"
            "reason:    primary healthy (1/2); served members: -192.0.2.11\n"
            "now:       hold-down: flip to standby allowed in 7s\n"
            "cold start: waiting for every member's first health evaluation\n"
            "pin:       -\n"
            "changed:   -\n"
            "\n"
            "POOL     MEMBER      HEALTH     LAST CHECK            RESULT  LATENCY  ERROR\n"
            "primary  192.0.2.10  healthy    2024-01-01T00:00:01Z  ok      3ms\n"
            "primary  192.0.2.11  unhealthy  2024-01-01T00:00:02Z  fail    500ms    timeout\n");
}

TEST(Status, UnknownGroup) {
  FakeHttpClient http([](const net::HttpRequest&) {
    return FakeHttpClient::reply(404, R"({"error":"unknown group nope.example."})");
  });
  Outcome r = run(http, {"status", "nope.example"});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("flipctl: unknown group nope.example. (404 Not Found"));
  EXPECT_EQ(r.out, "");
}

TEST(Status, UsageErrors) {
  FakeHttpClient http;
  Outcome two = run(http, {"status", "a", "b"});
  EXPECT_EQ(two.status, 2);
  EXPECT_EQ(two.err, "flipctl status: give at most one group\nusage: flipctl status [GROUP]\n");
  Outcome opt = run(http, {"status", "--limit", "3"});
  EXPECT_EQ(opt.status, 2);
  EXPECT_THAT(opt.err, HasSubstr("unknown option --limit"));
  Outcome nourl = run(http, {"status"}, Environment{});
  EXPECT_EQ(nourl.status, 2);
  EXPECT_THAT(nourl.err, HasSubstr("no controller given"));
  EXPECT_TRUE(http.requests.empty());
}

TEST(Status, TransportFailureExitsOne) {
  FakeHttpClient http([](const net::HttpRequest&) {
    return FakeHttpClient::transport_error(CURLE_COULDNT_CONNECT, "Connection refused");
  });
  Outcome r = run(http, {"status"});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot connect to the controller at http://ctl:8080: connection "
                               "refused"));
}

}  // namespace
}  // namespace flipdns::cli
