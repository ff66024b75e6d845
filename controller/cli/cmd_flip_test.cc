#include "controller/cli/cmd_flip.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "controller/cli/fake_http_client.h"

namespace flipdns::cli {
namespace {

using testing::FakeHttpClient;
using ::testing::HasSubstr;
using testing::Outcome;
using testing::run;

TEST(Flip, PostsPoolAndReasonAndSaysWhatIsServed) {
  FakeHttpClient http([](const net::HttpRequest&) {
    return FakeHttpClient::reply(
        200, R"({"decision": {"pool": "standby", "members": ["198.51.100.10"], "epoch": 12}})");
  });
  Outcome r = run(http, {"flip", "app.example.com", "standby", "--reason", "AZ down"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "app.example.com.: now serving standby (198.51.100.10), epoch 12\n");
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.requests[0].method, "POST");
  EXPECT_EQ(http.requests[0].url, "http://ctl:8080/v1/groups/app.example.com./flip");
  EXPECT_EQ(nlohmann::json::parse(*http.requests[0].body),
            (nlohmann::json{{"pool", "standby"}, {"reason", "AZ down"}}));
}

TEST(Flip, AnAnswerWithoutDetailStillReportsTheFlip) {
  FakeHttpClient http([](const net::HttpRequest&) { return FakeHttpClient::reply(204, ""); });
  Outcome r = run(http, {"flip", "app.example.com.", "standby", "--reason=test"});
  EXPECT_EQ(r.out, "app.example.com.: now serving standby\n");
  Outcome j = run(http, {"--json", "flip", "app.example.com.", "standby", "--reason=test"});
  EXPECT_EQ(j.out, "{}\n");
}

TEST(Flip, FormatsTheDecisionAtTopLevelToo) {
  EXPECT_EQ(format_decision_change(
                "g.", "p", nlohmann::json::parse(R"({"pool": "p", "members": ["a", "b"]})")),
            "g.: now serving p (a, b)\n");
}

TEST(Flip, SaysWhenNothingChanged) {
  EXPECT_EQ(
      format_decision_change(
          "g.", "p",
          nlohmann::json::parse(R"({"changed": false, "decision": {"pool": "p", "epoch": 4}})")),
      "g.: already serving p, epoch 4\n");
}

TEST(Flip, ReadTokenIsRefused) {
  FakeHttpClient http([](const net::HttpRequest&) {
    return FakeHttpClient::reply(403, R"({"error":"read tokens may only GET"})");
  });
  Outcome r = run(http, {"flip", "app.example.com.", "standby", "--reason", "x"});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("flipctl: this token may only read (403 Forbidden"));
  EXPECT_THAT(r.err, HasSubstr("read tokens may only GET"));
}

TEST(Flip, PinnedGroupConflict) {
  FakeHttpClient http([](const net::HttpRequest&) {
    return FakeHttpClient::reply(409, R"({"error":"pinned to primary until 01:00Z"})");
  });
  Outcome r = run(http, {"flip", "app.example.com.", "standby", "--reason", "x"});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("409 Conflict"));
  EXPECT_THAT(r.err, HasSubstr("pinned to primary"));
}

TEST(Flip, UsageErrors) {
  FakeHttpClient http;
  Outcome noreason = run(http, {"flip", "app.example.com.", "standby"});
  EXPECT_EQ(noreason.status, 2);
  EXPECT_EQ(noreason.err,
            "flipctl flip: --reason is required (it goes to the audit log)\n"
            "usage: flipctl flip GROUP POOL --reason R\n");
  EXPECT_EQ(run(http, {"flip", "app.example.com.", "--reason", "x"}).status, 2);
  EXPECT_EQ(run(http, {"flip", "a", "b", "c", "--reason", "x"}).status, 2);
  EXPECT_EQ(run(http, {"flip", "a", "b", "--reason="}).status, 2);
  EXPECT_EQ(run(http, {"flip", "a", "b", "--reason", "x", "--for", "1m"}).status, 2);
  EXPECT_TRUE(http.requests.empty());
}

}  // namespace
}  // namespace flipdns::cli
