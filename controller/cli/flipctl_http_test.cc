// flipctl over real HTTP: libcurl against a cpp-httplib server on loopback
// standing for the controller.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <condition_variable>
#include <mutex>

#include "controller/cli/fake_http_client.h"
#include "controller/net/test_support.h"
#include "zones/test_files.h"

namespace flipdns::cli {
namespace {

using net::TestHttpServer;
using ::testing::HasSubstr;
using testing::Outcome;

const char* kGroups = R"({"groups": [{"group": "app.example.com.",
  "decision": {"pool": "primary", "members": ["127.0.0.10"], "epoch": 1},
  "pools": [{"name": "primary", "members": [{"address": "127.0.0.10", "health": "healthy"}]}]}]})";

// Tokens "op" (operator) and "ro" (read), as the controller's tokens file would give.
void controller_routes(httplib::Server& s) {
  auto role = [](const httplib::Request& req) -> std::string {
    std::string auth = req.get_header_value("Authorization");
    if (auth == "Bearer op") return "operator";
    if (auth == "Bearer ro") return "read";
    return "";
  };
  s.Get("/v1/groups", [role](const httplib::Request& req, httplib::Response& res) {
    if (role(req).empty()) {
      res.status = 401;
      res.set_content(R"({"error":"missing or unknown bearer token"})", "application/json");
      return;
    }
    res.set_content(kGroups, "application/json");
  });
  s.Post(R"(/v1/groups/([^/]+)/flip)", [role](const httplib::Request& req, httplib::Response& res) {
    if (role(req) != "operator") {
      res.status = role(req).empty() ? 401 : 403;
      res.set_content(R"({"error":"operator token required"})", "application/json");
      return;
    }
    if (req.matches[1] != "app.example.com.") {
      res.status = 404;
      res.set_content(R"({"error":"unknown group"})", "application/json");
      return;
    }
    auto body = nlohmann::json::parse(req.body);
    nlohmann::json answer{{"decision", {{"pool", body["pool"]}, {"epoch", 2}}}};
    res.set_content(answer.dump(), "application/json");
  });
}

Outcome run(std::vector<std::string> argv, Environment env) {
  std::ostringstream out, err;
  int status = run_flipctl(argv, env, out, err);  // the real libcurl client
  return {status, out.str(), err.str()};
}

TEST(FlipctlHttp, StatusAndFlipWithAnOperatorToken) {
  TestHttpServer server(controller_routes);
  Outcome s = run({"status"}, {server.url(), "op"});
  EXPECT_EQ(s.status, 0) << s.err;
  EXPECT_THAT(s.out, HasSubstr("app.example.com.  primary  127.0.0.10"));
  Outcome f =
      run({"flip", "app.example.com", "standby", "--reason", "drill"}, {server.url(), "op"});
  EXPECT_EQ(f.status, 0) << f.err;
  EXPECT_EQ(f.out, "app.example.com.: now serving standby, epoch 2\n");
}

TEST(FlipctlHttp, TokensAreChecked) {
  TestHttpServer server(controller_routes);
  Outcome none = run({"status"}, {server.url(), std::nullopt});
  EXPECT_EQ(none.status, 1);
  EXPECT_THAT(none.err, HasSubstr("token missing or invalid (401 Unauthorized from GET " +
                                  server.url() + "/v1/groups)"));
  Outcome read =
      run({"flip", "app.example.com.", "standby", "--reason", "x"}, {server.url(), "ro"});
  EXPECT_EQ(read.status, 1);
  EXPECT_THAT(read.err, HasSubstr("this token may only read (403 Forbidden"));
  EXPECT_THAT(read.err, HasSubstr("controller says: operator token required"));
  Outcome unknown =
      run({"flip", "nope.example.", "standby", "--reason", "x"}, {server.url(), "op"});
  EXPECT_EQ(unknown.status, 1);
  EXPECT_THAT(unknown.err, HasSubstr("unknown group nope.example."));
}

TEST(FlipctlHttp, TokenFile) {
  TestHttpServer server(controller_routes);
  zones::testing::TempDir d;
  auto path = d.write("token", "op\n");
  Outcome s = run({"status", "--token-file", path.string()}, {server.url(), "wrong"});
  EXPECT_EQ(s.status, 0) << s.err;
}

TEST(FlipctlHttp, ConnectionRefusedNamesTheUrl) {
  std::string url;
  {
    TestHttpServer server([](httplib::Server&) {});
    url = server.url();
  }  // stopped: nothing listens on the port now
  Outcome r = run({"status"}, {url, "op"});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err,
              HasSubstr("cannot connect to the controller at " + url + ": connection refused"));
}

TEST(FlipctlHttp, Timeout) {
  std::mutex m;
  std::condition_variable cv;
  bool release = false;
  TestHttpServer server([&](httplib::Server& s) {
    s.Get("/v1/groups", [&](const httplib::Request&, httplib::Response& res) {
      std::unique_lock lock(m);
      cv.wait(lock, [&] { return release; });
      res.set_content("{}", "application/json");
    });
  });
  Outcome r = run({"status", "--timeout", "200ms"}, {server.url(), "op"});
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("did not answer within 200ms"));
}

TEST(FlipctlHttp, HttpsWithACaFile) {
  zones::testing::TempDir d;
  auto cert = d.path() / "cert.pem", key = d.path() / "key.pem";
  net::write_test_certificate(cert, key, "localhost");
  TestHttpServer server(controller_routes, cert, key);
  const std::string url = "https://localhost:" + std::to_string(server.port());
  Outcome untrusted = run({"status"}, {url, "op"});
  EXPECT_EQ(untrusted.status, 1);
  EXPECT_THAT(untrusted.err, HasSubstr("TLS with the controller at " + url + " failed"));
  Outcome trusted = run({"status", "--ca-file", cert.string()}, {url, "op"});
  EXPECT_EQ(trusted.status, 0) << trusted.err;
  EXPECT_THAT(trusted.out, HasSubstr("app.example.com."));
}

TEST(FlipctlHttp, NotAnHttpUrlIsBadUsage) {
  Outcome r = run({"status"}, {"ftp://127.0.0.1:1", "op"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("is not usable"));
}

}  // namespace
}  // namespace flipdns::cli
