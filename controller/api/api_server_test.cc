#include "controller/api/api_server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <sstream>

#include "controller/net/test_support.h"

namespace flipdns::api {
namespace {

// Records what reached it; answers what the test set.
class FakeBackend final : public Backend {
 public:
  Reply groups() override { return note("groups", {200, {{"groups", nlohmann::json::array()}}}); }
  Reply group(const std::string& name) override {
    if (name != "app.example.com.")
      return note("group " + name, error_reply(404, "unknown group " + name));
    return note("group " + name, {200, {{"group", name}}});
  }
  Reply flip(const std::string& group, const FlipRequest& r, const Identity& who) override {
    return note("flip " + group + " " + r.pool + " '" + r.reason + "' " + who.actor(), flip_reply);
  }
  Reply pin(const std::string& group, const PinRequest& r, const Identity& who) override {
    return note("pin " + group + " " + r.pool + " " + std::to_string(r.duration.count()) + "ms " +
                    who.actor(),
                {200, {{"pinned", true}}});
  }
  Reply unpin(const std::string& group, const Identity& who) override {
    return note("unpin " + group + " " + who.actor(), {200, {{"unpinned", true}}});
  }
  Reply audit(const AuditQuery& q) override {
    return note(
        "audit " + std::to_string(q.limit) + " " + (q.before ? std::to_string(*q.before) : "-"),
        {200, {{"entries", nlohmann::json::array()}}});
  }
  Reply servers() override {
    return note("servers", {200, {{"servers", nlohmann::json::array()}}});
  }
  Reply healthz() override { return note("healthz", {200, {{"status", "ok"}}}); }
  std::string metrics() override {
    note("metrics", {});
    return "flipdns_controller_up 1\n";
  }

  std::vector<std::string> calls() {
    std::lock_guard lock(mu_);
    return calls_;
  }
  Reply flip_reply{200, {{"changed", true}}};

 private:
  Reply note(std::string call, Reply r) {
    std::lock_guard lock(mu_);
    calls_.push_back(std::move(call));
    return r;
  }
  std::mutex mu_;
  std::vector<std::string> calls_;
};

const char* kTokens =
    "read r3ad\n"
    "operator 0per carol\n";

class ApiServerTest : public ::testing::Test {
 protected:
  ApiServerTest()
      : tokens_(TokenTable::parse(kTokens, "tokens")),
        log_(log_text_),
        server_({}, tokens_, backend_, log_) {
    port_ = server_.start();
  }

  httplib::Result call(const std::string& method, const std::string& path, const std::string& token,
                       const std::string& body = "") {
    httplib::Client c("127.0.0.1", port_);
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    if (method == "GET") return c.Get(path, h);
    if (method == "POST") return c.Post(path, h, body, "application/json");
    if (method == "PUT") return c.Put(path, h, body, "application/json");
    return c.Delete(path, h);
  }

  static nlohmann::json json(const httplib::Result& r) { return nlohmann::json::parse(r->body); }

  FakeBackend backend_;
  TokenTable tokens_;
  std::ostringstream log_text_;
  Logger log_;
  ApiServer server_;
  int port_ = 0;
};

TEST_F(ApiServerTest, ListensOnAKernelChosenPort) {
  EXPECT_GT(port_, 0);
}

TEST_F(ApiServerTest, HealthzNeedsNoToken) {
  auto r = call("GET", "/healthz", "");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(json(r)["status"], "ok");
}

TEST_F(ApiServerTest, NoTokenOrAWrongOneIs401WithAJsonError) {
  for (const std::string& token : {std::string(""), std::string("guess")}) {
    auto r = call("GET", "/v1/groups", token);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(json(r)["error"], "missing or invalid bearer token");
    EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer realm=\"flipdns-controller\"");
    r = call("POST", "/v1/groups/app.example.com./flip", token, R"({"pool":"standby"})");
    EXPECT_EQ(r->status, 401);
    r = call("GET", "/v1/audit", token);
    EXPECT_EQ(r->status, 401);
  }
  EXPECT_EQ(backend_.calls(), std::vector<std::string>{});
}

TEST_F(ApiServerTest, AReadTokenMayOnlyGet) {
  EXPECT_EQ(call("GET", "/v1/groups", "r3ad")->status, 200);
  EXPECT_EQ(call("GET", "/v1/audit", "r3ad")->status, 200);
  EXPECT_EQ(call("GET", "/v1/servers", "r3ad")->status, 200);
  auto r = call("POST", "/v1/groups/app.example.com./flip", "r3ad", R"({"pool":"standby"})");
  EXPECT_EQ(r->status, 403);
  EXPECT_NE(json(r)["error"].get<std::string>().find("operator"), std::string::npos);
  EXPECT_EQ(
      call("PUT", "/v1/groups/app.example.com./pin", "r3ad", R"({"pool":"standby","for":"30m"})")
          ->status,
      403);
  EXPECT_EQ(call("DELETE", "/v1/groups/app.example.com./pin", "r3ad")->status, 403);
  EXPECT_EQ(backend_.calls(), (std::vector<std::string>{"groups", "audit 50 -", "servers"}));
}

TEST_F(ApiServerTest, AnOperatorFlipsPinsAndUnpinsAsItself) {
  auto r = call("POST", "/v1/groups/app.example.com./flip", "0per",
                R"({"pool":"standby","reason":"AZ outage"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(call("PUT", "/v1/groups/app.example.com./pin", "0per",
                 R"({"pool":"standby","for":"30m","reason":"db"})")
                ->status,
            200);
  EXPECT_EQ(call("DELETE", "/v1/groups/app.example.com./pin", "0per")->status, 200);
  EXPECT_EQ(backend_.calls(),
            (std::vector<std::string>{"flip app.example.com. standby 'AZ outage' operator:carol",
                                      "pin app.example.com. standby 1800000ms operator:carol",
                                      "unpin app.example.com. operator:carol"}));
}

TEST_F(ApiServerTest, TheBackendsStatusAndErrorsComeThrough) {
  backend_.flip_reply = error_reply(409, "app.example.com. is pinned to standby");
  auto r = call("POST", "/v1/groups/app.example.com./flip", "0per", R"({"pool":"primary"})");
  EXPECT_EQ(r->status, 409);
  EXPECT_EQ(json(r)["error"], "app.example.com. is pinned to standby");
  r = call("GET", "/v1/groups/nope.example.com.", "r3ad");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(json(r)["error"], "unknown group nope.example.com.");
  r = call("GET", "/v1/groups/app.example.com.", "r3ad");
  EXPECT_EQ(json(r)["group"], "app.example.com.");
}

TEST_F(ApiServerTest, BadRequestsAre400AndNeverReachTheBackend) {
  auto r = call("POST", "/v1/groups/app.example.com./flip", "0per", "pool=standby");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json(r)["error"], "the body must be a JSON object");
  r = call("PUT", "/v1/groups/app.example.com./pin", "0per", R"({"pool":"standby","for":"ever"})");
  EXPECT_EQ(r->status, 400);
  r = call("GET", "/v1/audit?limit=lots", "r3ad");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(backend_.calls(), std::vector<std::string>{});
}

TEST_F(ApiServerTest, AuditPaging) {
  EXPECT_EQ(call("GET", "/v1/audit?limit=5&before=9", "r3ad")->status, 200);
  EXPECT_EQ(backend_.calls(), std::vector<std::string>{"audit 5 9"});
}

TEST_F(ApiServerTest, UnknownEndpointsAre404InJson) {
  auto r = call("GET", "/v2/everything", "r3ad");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(json(r)["error"], "no such endpoint: GET /v2/everything");
}

TEST_F(ApiServerTest, MetricsArePrometheusTextAndNeedNoToken) {
  auto r = call("GET", "/metrics", "");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(r->body, "flipdns_controller_up 1\n");
}

TEST_F(ApiServerTest, ABusyPortCannotBeTaken) {
  ApiServerOptions o;
  o.port = port_;
  ApiServer second(o, tokens_, backend_, log_);
  EXPECT_THROW(second.start(), std::runtime_error);
}

TEST(ApiServerTls, ServesHttpsWithTheGivenCertificate) {
  auto dir =
      std::filesystem::temp_directory_path() / ("flipdns-api-tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  net::write_test_certificate(dir / "cert.pem", dir / "key.pem", "localhost");
  FakeBackend backend;
  TokenTable tokens = TokenTable::parse(kTokens, "tokens");
  std::ostringstream text;
  Logger log(text);
  ApiServerOptions o;
  o.tls_cert = (dir / "cert.pem").string();
  o.tls_key = (dir / "key.pem").string();
  ApiServer server(o, tokens, backend, log);
  int port = server.start();
  httplib::SSLClient c("localhost", port);
  c.set_ca_cert_path((dir / "cert.pem").c_str());
  c.enable_server_certificate_verification(true);
  auto r = c.Get("/v1/groups", httplib::Headers{{"Authorization", "Bearer r3ad"}});
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  server.stop();
  std::filesystem::remove_all(dir);

  ApiServerOptions bad;
  bad.tls_cert = "/nonexistent/cert.pem";
  bad.tls_key = "/nonexistent/key.pem";
  ApiServer broken(bad, tokens, backend, log);
  EXPECT_THROW(broken.start(), std::runtime_error);
}

}  // namespace
}  // namespace flipdns::api
