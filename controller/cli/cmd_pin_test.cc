#include "controller/cli/cmd_pin.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "controller/cli/fake_http_client.h"

namespace flipdns::cli {
namespace {

using testing::FakeHttpClient;
using ::testing::HasSubstr;
using testing::Outcome;
using testing::run;

TEST(Pin, PutsPoolDurationAndReason) {
  FakeHttpClient http([](const net::HttpRequest&) {
    return FakeHttpClient::reply(
        200, R"({"pin": {"pool": "standby", "until": "2024-01-01T00:30:00Z", "actor": "op"}})");
  });
  Outcome r = run(http, {"pin", "app.example.com", "standby", "--for", "30m", "--reason", "db"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "app.example.com.: pinned to standby until 2024-01-01T00:30:00Z\n");
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.requests[0].method, "PUT");
  EXPECT_EQ(http.requests[0].url, "http://ctl:8080/v1/groups/app.example.com./pin");
  EXPECT_EQ(nlohmann::json::parse(*http.requests[0].body),
            (nlohmann::json{{"pool", "standby"}, {"for", "30m"}, {"reason", "db"}}));
}

TEST(Pin, ReasonIsOptional) {
  FakeHttpClient http([](const net::HttpRequest&) { return FakeHttpClient::reply(200, "{}"); });
  Outcome r = run(http, {"pin", "g.example.", "p", "--for=1h30m"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "g.example.: pinned to p\n");
  EXPECT_EQ(nlohmann::json::parse(*http.requests.at(0).body),
            (nlohmann::json{{"pool", "p"}, {"for", "1h30m"}}));
}

TEST(Pin, UsageErrors) {
  FakeHttpClient http;
  Outcome nofor = run(http, {"pin", "g.", "p"});
  EXPECT_EQ(nofor.status, 2);
  EXPECT_THAT(nofor.err, HasSubstr("flipctl pin: --for is required"));
  Outcome bad = run(http, {"pin", "g.", "p", "--for", "30"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.err, HasSubstr("--for: \"30\" is not a duration"));
  EXPECT_EQ(run(http, {"pin", "g.", "p", "--for", "0s"}).status, 2);
  EXPECT_EQ(run(http, {"pin", "g.", "--for", "1m"}).status, 2);
  EXPECT_TRUE(http.requests.empty());
}

TEST(Pin, UnknownPoolIsTheControllersWord) {
  FakeHttpClient http([](const net::HttpRequest&) {
    return FakeHttpClient::reply(400, R"({"error":"group app.example.com. has no pool dr"})");
  });
  Outcome r = run(http, {"pin", "app.example.com.", "dr", "--for", "1m"});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("has no pool dr"));
}

}  // namespace
}  // namespace flipdns::cli
