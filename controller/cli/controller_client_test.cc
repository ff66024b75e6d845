#include "controller/cli/controller_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "controller/cli/fake_http_client.h"
#include "zones/test_files.h"

namespace flipdns::cli {
namespace {

using testing::FakeHttpClient;
using ::testing::HasSubstr;
using testing::header;
using zones::testing::TempDir;

struct Harness {
  GlobalOptions global;
  std::ostringstream out, err;
  FakeHttpClient http;
  CommandContext ctx{global, out, err, http};

  explicit Harness(FakeHttpClient::Handler h = nullptr) : http(std::move(h)) {
    global.controller = "http://ctl:8080/";
  }
  ControllerClient client() {
    auto c = open_controller(ctx);
    if (auto* f = std::get_if<Failure>(&c)) ADD_FAILURE() << f->message;
    return std::get<ControllerClient>(c);
  }
};

TEST(ControllerClient, BuildsTheRequest) {
  Harness h;
  h.global.token = "secret";
  h.global.timeout = std::chrono::milliseconds(1500);
  h.global.ca_file = "/etc/ca.pem";
  ControllerClient c = h.client();
  ApiResult r = c.call("POST", "/v1/groups/a./flip", nlohmann::json{{"pool", "standby"}});
  ASSERT_TRUE(std::holds_alternative<nlohmann::json>(r));
  ASSERT_EQ(h.http.requests.size(), 1u);
  const net::HttpRequest& req = h.http.requests[0];
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, "http://ctl:8080/v1/groups/a./flip");  // one slash between
  EXPECT_EQ(header(req, "Authorization"), "Bearer secret");
  EXPECT_EQ(header(req, "Content-Type"), "application/json");
  EXPECT_EQ(header(req, "Accept"), "application/json");
  EXPECT_EQ(req.body, R"({"pool":"standby"})");
  EXPECT_EQ(req.timeout.count(), 1500);
  EXPECT_EQ(req.ca_file, "/etc/ca.pem");
}

TEST(ControllerClient, NoTokenNoAuthorizationHeader) {
  Harness h;
  h.client().get("/v1/groups");
  EXPECT_EQ(header(h.http.requests.at(0), "Authorization"), "");
  EXPECT_EQ(h.http.requests[0].method, "GET");
  EXPECT_FALSE(h.http.requests[0].body.has_value());
}

TEST(ControllerClient, TokenFileFirstLineReplacesTheToken) {
  TempDir d;
  auto path = d.write("token", "from-file\r\nsecond line\n");
  Harness h;
  h.global.token_file = path.string();
  h.client().get("/v1/groups");
  EXPECT_EQ(header(h.http.requests.at(0), "Authorization"), "Bearer from-file");
}

TEST(ControllerClient, UsageFailures) {
  TempDir d;
  Harness h;
  h.global.controller.clear();
  auto none = open_controller(h.ctx);
  ASSERT_TRUE(std::holds_alternative<Failure>(none));
  EXPECT_EQ(std::get<Failure>(none).exit_status, kExitUsage);
  EXPECT_THAT(std::get<Failure>(none).message,
              HasSubstr("--controller URL or set FLIPDNS_CONTROLLER"));

  h.global.controller = "http://ctl";
  h.global.token_file = (d.path() / "missing").string();
  auto missing = open_controller(h.ctx);
  EXPECT_EQ(std::get<Failure>(missing).message,
            "cannot read the token file " + h.global.token_file);
  EXPECT_EQ(std::get<Failure>(missing).exit_status, kExitUsage);

  h.global.token_file = d.write("empty", "\n").string();
  auto empty = open_controller(h.ctx);
  EXPECT_THAT(std::get<Failure>(empty).message, HasSubstr("is empty"));
  EXPECT_TRUE(h.http.requests.empty());
}

TEST(ControllerClient, Answers) {
  Harness h([](const net::HttpRequest& r) {
    if (r.url.ends_with("/empty")) return FakeHttpClient::reply(204, "");
    if (r.url.ends_with("/html")) return FakeHttpClient::reply(200, "<html>hi</html>");
    if (r.url.ends_with("/err")) return FakeHttpClient::reply(403, R"({"error":"read only"})");
    return FakeHttpClient::reply(200, R"({"ok":true})");
  });
  ControllerClient c = h.client();
  EXPECT_EQ(std::get<nlohmann::json>(c.get("/v1/x")), (nlohmann::json{{"ok", true}}));
  EXPECT_TRUE(std::get<nlohmann::json>(c.get("/v1/empty")).is_null());
  Failure html = std::get<Failure>(c.get("/v1/html"));
  EXPECT_EQ(html.exit_status, kExitFailure);
  EXPECT_THAT(html.message, HasSubstr("GET http://ctl:8080/v1/html is not JSON: <html>hi</html>"));
  Failure err = std::get<Failure>(c.get("/v1/err"));
  EXPECT_THAT(err.message, HasSubstr("this token may only read"));
}

TEST(ControllerClient, ReportAndJson) {
  Harness h;
  EXPECT_EQ(report(h.ctx, {"it broke", kExitFailure}), kExitFailure);
  EXPECT_EQ(h.err.str(), "flipctl: it broke\n");
  print_json(h.ctx, nullptr);
  print_json(h.ctx, nlohmann::json{{"a", 1}});
  EXPECT_EQ(h.out.str(), "{}\n{\n  \"a\": 1\n}\n");
}

}  // namespace
}  // namespace flipdns::cli
