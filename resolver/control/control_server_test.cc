#include "resolver/control/control_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "resolver/control/reloader.h"
#include "resolver/control/test_state.h"
#include "resolver/control/test_tls.h"

namespace flipdns::control {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

constexpr const char* kApp = "/v1/decisions/app.example.com.";

TEST(ParseListenAddressTest, NumericAddressesWithPorts) {
  auto v4 = parse_listen_address("127.0.0.1:8053");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 8053);
  auto v6 = parse_listen_address("[::1]:0");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
  for (const char* bad :
       {"", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:80x",
        "localhost:80", "::1:80", "[::1]80", "[127.0.0.1]:80", "[::1]:", "1.2.3:80"})
    EXPECT_FALSE(parse_listen_address(bad)) << bad;
}

// A control server on a loopback port chosen by the kernel, serving a real
// ServingState over real HTTP.
class ControlServerTest : public ::testing::Test {
 protected:
  void SetUp() override { start({.listen = "127.0.0.1:0", .keep_alive_timeout = 1s}); }

  void start(ControlServerConfig config) {
    server_ = std::make_unique<ControlServer>(
        [this](const ApiRequest& r) { return api_.handle(r); }, std::move(config));
    std::string error;
    ASSERT_TRUE(server_->start(error)) << error;
    ASSERT_NE(server_->port(), 0);
  }
  httplib::Client client(bool with_token = true) {
    httplib::Client c("127.0.0.1", server_->port());
    if (with_token) c.set_bearer_token_auth("s3cret");
    c.set_tcp_nodelay(true);  // as curl does; else Nagle adds ~40 ms per request
    c.set_connection_timeout(2s);
    c.set_read_timeout(5s);
    return c;
  }
  template <typename Client>
  static httplib::Result put(Client& c, const std::string& target, const std::string& body) {
    return c.Put(target, body, "application/json");
  }
  static json body(const httplib::Result& r) { return json::parse(r->body); }

  testing::TestState t_;
  ReloadStatus status_{std::chrono::system_clock::now()};
  Reloader reloader_{t_.state(), status_, [this] { return t_.load(); }};
  ControlApi api_{
      t_.state(),         status_, BearerAuth("s3cret"), [this] { return reloader_.reload(); }, {},
      {.version = "test"}};
  std::unique_ptr<ControlServer> server_;
};

TEST_F(ControlServerTest, FlipOverHttpChangesTheAnswer) {
  auto c = client();
  auto r = put(c, kApp, R"({"pool":"standby","members":["198.51.100.10"],"epoch":1})");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(body(r)["changed"], true);
  EXPECT_THAT(t_.app_a(), ElementsAre("app.example.com. 30 IN A 198.51.100.10"));

  auto d = c.Get("/v1/decisions");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, 200);
  EXPECT_EQ(body(d)["decisions"][0]["pool"], "standby");
  auto s = c.Get("/v1/status");
  ASSERT_TRUE(s);
  EXPECT_EQ(body(s)["decisions"][0]["epoch"], 1);
}

TEST_F(ControlServerTest, RejectionsOverHttp) {
  auto anon = client(false);
  auto r = anon.Get("/v1/decisions");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer realm=\"flipdns-auth\"");
  EXPECT_EQ(body(r)["error"], "missing bearer token");
  auto open = anon.Get("/metrics");
  ASSERT_TRUE(open);
  EXPECT_EQ(open->status, 200);
  EXPECT_THAT(open->get_header_value("Content-Type"), HasSubstr("version=0.0.4"));

  auto c = client();
  ASSERT_EQ(put(c, kApp, R"({"pool":"standby","members":["198.51.100.10"],"epoch":5})")->status,
            200);
  auto stale = put(c, kApp, R"({"pool":"primary","members":["192.0.2.10"],"epoch":4})");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  auto bad = put(c, kApp, R"({"pool":"tertiary","members":["192.0.2.10"],"epoch":6})");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_THAT(body(bad)["error"].get<std::string>(), HasSubstr("tertiary"));
  auto garbled = put(c, kApp, "{");
  ASSERT_TRUE(garbled);
  EXPECT_EQ(garbled->status, 400);
  auto unknown = put(c, "/v1/decisions/nope.example.com.",
                     R"({"pool":"a","members":["192.0.2.1"],"epoch":1})");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  auto path = c.Get("/v2/anything");
  ASSERT_TRUE(path);
  EXPECT_EQ(path->status, 404);
  auto method = c.Delete(kApp);
  ASSERT_TRUE(method);
  EXPECT_EQ(method->status, 405);
  EXPECT_EQ(method->get_header_value("Allow"), "GET, PUT");
  EXPECT_THAT(t_.app_a(), ElementsAre("app.example.com. 30 IN A 198.51.100.10"));
}

TEST_F(ControlServerTest, ReloadOverHttp) {
  auto c = client();
  auto ok = c.Post("/v1/reload");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(body(ok)["ok"], true);
  auto serial = body(c.Get("/v1/status"))["zones"][0]["serial"];

  t_.break_zone();
  auto bad = c.Post("/v1/reload");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_THAT(body(bad)["error"].get<std::string>(), HasSubstr("example.com.yaml:17:1"));
  json s = body(c.Get("/v1/status"));
  EXPECT_EQ(s["last_reload"]["ok"], false);
  EXPECT_EQ(s["zones"][0]["serial"], serial);
  EXPECT_EQ(t_.app_a().size(), 2u);  // still the primary pool's two A records
}

TEST_F(ControlServerTest, OversizedBodyIs413WithJson) {
  auto c = client();
  auto r = put(c, kApp, std::string(64 * 1024 + 1, ' '));
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 413);
  EXPECT_THAT(body(r)["error"].get<std::string>(), HasSubstr("65536"));
  auto fits = put(
      c, kApp,
      R"({"pool":"standby","members":["198.51.100.10"],"epoch":1})" + std::string(60 * 1024, ' '));
  ASSERT_TRUE(fits);
  EXPECT_EQ(fits->status, 200);
}

TEST_F(ControlServerTest, LongTargetsAreAnsweredNotFatal) {
  auto c = client();
  auto r = c.Get("/v1/" + std::string(8000, 'a'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  auto too_long = c.Get("/v1/" + std::string(9000, 'a'));
  ASSERT_TRUE(too_long);
  EXPECT_EQ(too_long->status, 414);
  EXPECT_TRUE(body(too_long).contains("error"));
}

TEST_F(ControlServerTest, ConcurrentFlipsKeepTheNewestEpoch) {
  constexpr int kClients = 4, kPuts = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i)
    threads.emplace_back([&, i] {
      auto c = client();
      c.set_keep_alive(true);
      for (int n = 0; n < kPuts; ++n) {
        int epoch = 1 + n * kClients + i;
        std::string pool = epoch % 2 ? "standby" : "primary";
        std::string member = epoch % 2 ? "198.51.100.10" : "192.0.2.10";
        auto r =
            put(c, kApp,
                json{{"pool", pool}, {"members", json::array({member})}, {"epoch", epoch}}.dump());
        if (!r || (r->status != 200 && r->status != 409)) ++failures;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  uint64_t last = kPuts * kClients;  // the highest epoch sent is never stale
  EXPECT_EQ(t_.state().decisions()[0].epoch, last);
  EXPECT_EQ(t_.state().decisions()[0].pool, last % 2 ? "standby" : "primary");
}

TEST_F(ControlServerTest, StopReturnsPromptlyWithAnIdleKeepAliveClient) {
  auto c = client();
  c.set_keep_alive(true);
  ASSERT_EQ(c.Get("/v1/status")->status, 200);
  auto begin = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 3s);  // keep-alive timeout is 1 s
  server_->stop();                                          // idempotent
  EXPECT_FALSE(client().Get("/v1/status"));                 // nothing listens any more
}

TEST_F(ControlServerTest, StopWaitsNoLongerThanTheReadTimeoutForAStalledClient) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(server_->port());
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa), 0);
  constexpr std::string_view kHalf = "GET /v1/status HTTP/1.1\r\n";  // and then nothing
  ASSERT_EQ(write(fd, kHalf.data(), kHalf.size()), static_cast<ssize_t>(kHalf.size()));
  // Connections are accepted in order: once a later one is served, the stalled
  // one is in the listener's hands.
  ASSERT_EQ(client().Get("/v1/status")->status, 200);
  auto begin = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 4s);  // read timeout is 2 s
  close(fd);
}

TEST_F(ControlServerTest, SecondListenerOnTheSamePortFailsToBind) {
  std::string listen = "127.0.0.1:" + std::to_string(server_->port());
  ControlServer second([](const ApiRequest&) { return ApiResponse{}; }, {.listen = listen});
  std::string error;
  EXPECT_FALSE(second.start(error));
  EXPECT_THAT(error, HasSubstr("cannot listen on " + listen + ": Address already in use"));
  EXPECT_EQ(client().Get("/v1/status")->status, 200);  // the first one is untouched
}

TEST(ControlServerConfigTest, BadAddressesAndTlsFilesAreErrors) {
  auto handler = [](const ApiRequest&) { return ApiResponse{}; };
  std::string error;
  ControlServer bad_addr(handler, {.listen = "localhost:8053"});
  EXPECT_FALSE(bad_addr.start(error));
  EXPECT_THAT(error, HasSubstr("invalid control listen address \"localhost:8053\""));
  ControlServer half_tls(handler, {.listen = "127.0.0.1:0", .tls_cert_file = "/nonexistent.pem"});
  EXPECT_FALSE(half_tls.start(error));
  EXPECT_THAT(error, HasSubstr("both a certificate and a key"));
  ControlServer missing(handler, {.listen = "127.0.0.1:0",
                                  .tls_cert_file = "/nonexistent/cert.pem",
                                  .tls_key_file = "/nonexistent/key.pem"});
  EXPECT_FALSE(missing.start(error));
  EXPECT_THAT(error, HasSubstr("/nonexistent/cert.pem"));
  EXPECT_EQ(missing.port(), 0);
}

TEST(ControlServerLifecycleTest, StartAndStopWithoutRequests) {
  ControlServer s([](const ApiRequest&) { return ApiResponse{}; }, {.listen = "127.0.0.1:0"});
  std::string error;
  ASSERT_TRUE(s.start(error)) << error;
  EXPECT_FALSE(s.start(error));  // once only
  s.stop();
  ControlServer dropped([](const ApiRequest&) { return ApiResponse{}; }, {.listen = "127.0.0.1:0"});
  ASSERT_TRUE(dropped.start(error)) << error;
  // The destructor stops and joins.
}

TEST(ControlServerLifecycleTest, HandlerExceptionsBecome500) {
  ControlServer s([](const ApiRequest&) -> ApiResponse { throw std::runtime_error("boom"); },
                  {.listen = "127.0.0.1:0"});
  std::string error;
  ASSERT_TRUE(s.start(error)) << error;
  httplib::Client c("127.0.0.1", s.port());
  auto r = c.Get("/v1/status");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(json::parse(r->body)["error"], "boom");
}

TEST_F(ControlServerTest, ServesIpv6Loopback) {
  start({.listen = "[::1]:0"});
  httplib::Client c("::1", server_->port());
  c.set_bearer_token_auth("s3cret");
  auto r = c.Get("/v1/status");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
}

TEST_F(ControlServerTest, ServesTls) {
  decisions::testing::TempDir dir;
  testing::write_self_signed(dir.path() / "cert.pem", dir.path() / "key.pem");
  start({.listen = "127.0.0.1:0",
         .tls_cert_file = dir.path() / "cert.pem",
         .tls_key_file = dir.path() / "key.pem"});
  EXPECT_TRUE(server_->tls());
  httplib::SSLClient c("127.0.0.1", server_->port());
  c.enable_server_certificate_verification(false);  // self-signed
  c.set_bearer_token_auth("s3cret");
  auto r = put(c, kApp, R"({"pool":"standby","members":["198.51.100.10"],"epoch":2})");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  EXPECT_THAT(t_.app_a(), ElementsAre("app.example.com. 30 IN A 198.51.100.10"));

  auto plain = client();  // plain HTTP to a TLS port gets no HTTP answer
  plain.set_read_timeout(2s);
  EXPECT_FALSE(plain.Get("/v1/status"));
}

}  // namespace
}  // namespace flipdns::control
