#include "controller/cli/cmd_unpin.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "controller/cli/fake_http_client.h"

namespace flipdns::cli {
namespace {

using testing::FakeHttpClient;
using ::testing::HasSubstr;
using testing::Outcome;
using testing::run;

TEST(Unpin, DeletesThePin) {
  FakeHttpClient http([](const net::HttpRequest&) { return FakeHttpClient::reply(204, ""); });
  Outcome r = run(http, {"unpin", "app.example.com"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "app.example.com.: unpinned\n");
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.requests[0].method, "DELETE");
  EXPECT_EQ(http.requests[0].url, "http://ctl:8080/v1/groups/app.example.com./pin");
  EXPECT_FALSE(http.requests[0].body.has_value());
}

TEST(Unpin, SaysWhenThereWasNoPin) {
  FakeHttpClient http([](const net::HttpRequest&) {
    return FakeHttpClient::reply(200, R"({"unpinned": false, "group": {}})");
  });
  EXPECT_EQ(run(http, {"unpin", "g.example."}).out, "g.example.: had no pin\n");
  FakeHttpClient was(
      [](const net::HttpRequest&) { return FakeHttpClient::reply(200, R"({"unpinned": true})"); });
  EXPECT_EQ(run(was, {"unpin", "g.example."}).out, "g.example.: unpinned\n");
}

TEST(Unpin, NoTokenIsRefused) {
  FakeHttpClient http([](const net::HttpRequest& req) {
    bool has_auth = false;
    for (const auto& h : req.headers) has_auth |= h.starts_with("Authorization:");
    return has_auth ? FakeHttpClient::reply(204, "")
                    : FakeHttpClient::reply(401, R"({"error":"no bearer token"})");
  });
  Outcome r = run(http, {"unpin", "g."}, Environment{"http://ctl:8080", std::nullopt});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("flipctl: token missing or invalid (401 Unauthorized"));
}

TEST(Unpin, UsageErrors) {
  FakeHttpClient http;
  EXPECT_EQ(run(http, {"unpin"}).status, 2);
  EXPECT_EQ(run(http, {"unpin", "a", "b"}).status, 2);
  EXPECT_TRUE(http.requests.empty());
}

}  // namespace
}  // namespace flipdns::cli
