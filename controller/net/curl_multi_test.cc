#include "controller/net/curl_multi.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <mutex>
#include <vector>

#include "controller/net/test_support.h"

namespace flipdns::net {
namespace {

// A port nothing listens on: bound, then released.
int closed_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

HttpRequest request(std::string url) {
  HttpRequest r;
  r.url = std::move(url);
  return r;
}

class CurlMultiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_init(CURL_GLOBAL_DEFAULT); }

  CurlMultiTest()
      : server_([this](httplib::Server& s) {
          s.Get("/ok", [](const httplib::Request&, httplib::Response& r) {
            r.set_content("hello", "text/plain");
          });
          s.Get("/status/503",
                [](const httplib::Request&, httplib::Response& r) { r.status = 503; });
          s.Get("/host", [](const httplib::Request& q, httplib::Response& r) {
            r.set_content(q.get_header_value("Host"), "text/plain");
          });
          s.Get("/big", [](const httplib::Request&, httplib::Response& r) {
            r.set_content(std::string(100000, 'x'), "text/plain");
          });
          s.Put("/echo", [](const httplib::Request& q, httplib::Response& r) {
            r.set_content(q.method + " " + q.get_header_value("Authorization") + " " + q.body,
                          "text/plain");
          });
          s.Get("/hang", [this](const httplib::Request&, httplib::Response& r) {
            std::unique_lock lock(mu_);
            cv_.wait_for(lock, std::chrono::seconds(10), [this] { return released_; });
            r.set_content("late", "text/plain");
          });
        }) {}

  ~CurlMultiTest() override {
    {
      std::lock_guard lock(mu_);
      released_ = true;
    }
    cv_.notify_all();
    server_.stop();
  }

  // One request through a fresh CurlMulti; the loop is run until it answers.
  HttpResponse fetch(HttpRequest req) {
    std::optional<HttpResponse> got;
    {
      CurlMulti multi(loop_.get());
      multi.start(req, [&](HttpResponse r) { got = std::move(r); });
      EXPECT_TRUE(run_loop_until(loop_.get(), [&] { return got.has_value(); }));
    }
    EXPECT_EQ(loop_.close(), 0);
    return got.value_or(HttpResponse{});
  }

  TestLoop loop_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool released_ = false;
  TestHttpServer server_;
};

TEST_F(CurlMultiTest, GetReturnsStatusAndBody) {
  HttpResponse r = fetch(request(server_.url() + "/ok"));
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello");
}

TEST_F(CurlMultiTest, An503IsAResponseNotATransportError) {
  HttpResponse r = fetch(request(server_.url() + "/status/503"));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.status, 503);
}

TEST_F(CurlMultiTest, ConnectToKeepsTheHostNameInTheRequest) {
  const std::string port = std::to_string(server_.port());
  HttpRequest q = request("http://app.example.com:" + port + "/host");
  q.connect_to = "app.example.com:" + port + ":127.0.0.1:" + port;
  HttpResponse r = fetch(q);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.body, "app.example.com:" + port);
}

TEST_F(CurlMultiTest, PutSendsMethodHeadersAndBody) {
  HttpRequest q = request(server_.url() + "/echo");
  q.method = "PUT";
  q.headers = {"Authorization: Bearer s3cret", "Content-Type: application/json"};
  q.body = "{\"epoch\":1}";
  HttpResponse r = fetch(q);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.body, "PUT Bearer s3cret {\"epoch\":1}");
}

TEST_F(CurlMultiTest, ALongBodyIsCutAtTheLimitWithoutFailing) {
  HttpRequest q = request(server_.url() + "/big");
  q.max_body = 1000;
  HttpResponse r = fetch(q);
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.size(), 1000u);
}

TEST_F(CurlMultiTest, ARefusedConnectionIsAnError) {
  HttpResponse r = fetch(request("http://127.0.0.1:" + std::to_string(closed_port()) + "/"));
  EXPECT_EQ(r.code, CURLE_COULDNT_CONNECT);
  EXPECT_FALSE(r.error.empty());
}

TEST_F(CurlMultiTest, ASilentServerTimesOut) {
  HttpRequest q = request(server_.url() + "/hang");
  q.timeout = Duration(200);
  HttpResponse r = fetch(q);
  EXPECT_EQ(r.code, CURLE_OPERATION_TIMEDOUT);
  EXPECT_GE(r.total_time, Duration(150));
}

TEST_F(CurlMultiTest, ManyRequestsRunTogether) {
  std::vector<long> statuses;
  {
    CurlMulti multi(loop_.get());
    for (int i = 0; i < 20; ++i) {
      HttpRequest q = request(server_.url() + (i % 2 ? "/ok" : "/status/503"));
      q.fresh_connection = true;
      multi.start(q, [&](HttpResponse r) { statuses.push_back(r.status); });
    }
    EXPECT_EQ(multi.active(), 20u);
    ASSERT_TRUE(run_loop_until(loop_.get(), [&] { return statuses.size() == 20; }));
    EXPECT_EQ(multi.active(), 0u);
  }
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 10);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 503), 10);
  EXPECT_EQ(loop_.close(), 0);
}

TEST_F(CurlMultiTest, ACancelledTransferNeverCallsBack) {
  bool hung_answered = false, ok_answered = false;
  {
    CurlMulti multi(loop_.get());
    auto id =
        multi.start(request(server_.url() + "/hang"), [&](HttpResponse) { hung_answered = true; });
    multi.start(request(server_.url() + "/ok"), [&](HttpResponse) { ok_answered = true; });
    multi.cancel(id);
    multi.cancel(id);  // twice is harmless
    ASSERT_TRUE(run_loop_until(loop_.get(), [&] { return ok_answered; }));
  }
  EXPECT_FALSE(hung_answered);
  EXPECT_EQ(loop_.close(), 0);
}

TEST_F(CurlMultiTest, DestroyingTheMultiAbandonsRunningTransfers) {
  bool answered = false;
  {
    CurlMulti multi(loop_.get());
    multi.start(request(server_.url() + "/hang"), [&](HttpResponse) { answered = true; });
    run_loop_until(
        loop_.get(), [] { return false; }, std::chrono::milliseconds(50));
  }
  EXPECT_FALSE(answered);
  EXPECT_EQ(loop_.close(), 0);
}

TEST_F(CurlMultiTest, ACallbackMayStartTheNextRequest) {
  std::vector<std::string> bodies;
  {
    CurlMulti multi(loop_.get());
    multi.start(request(server_.url() + "/ok"), [&](HttpResponse r) {
      bodies.push_back(r.body);
      multi.start(request(server_.url() + "/ok"),
                  [&](HttpResponse r2) { bodies.push_back(r2.body); });
    });
    ASSERT_TRUE(run_loop_until(loop_.get(), [&] { return bodies.size() == 2; }));
  }
  EXPECT_EQ(bodies, (std::vector<std::string>{"hello", "hello"}));
  EXPECT_EQ(loop_.close(), 0);
}

}  // namespace
}  // namespace flipdns::net
