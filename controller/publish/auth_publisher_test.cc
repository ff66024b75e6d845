#include "controller/publish/auth_publisher.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sstream>

#include "controller/net/test_support.h"
#include "controller/net/uv_timer.h"
#include "controller/publish/fake_auth_server.h"

namespace flipdns::publish {
namespace {

using std::chrono::milliseconds;

const std::map<std::string, std::vector<std::string>> kGroups = {
    {"app.example.com.", {"primary", "standby"}}, {"api.example.com.", {"primary", "standby"}}};

std::string closed_url() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port));
}

WireDecision standby(uint64_t epoch) {
  return {"app.example.com.", "standby", {"198.51.100.10"}, epoch};
}

class AuthPublisherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_init(CURL_GLOBAL_DEFAULT); }

  AuthPublisherTest() : log_(log_text_, LogLevel::kDebug), random_(7) {}

  ~AuthPublisherTest() override {
    publisher_.reset();
    multi_.reset();
    timers_.reset();
    EXPECT_EQ(loop_.close(), 0);
  }

  // A publisher for `servers`, started; returns what the cold start read.
  std::vector<ServerView> start(std::vector<std::string> servers, std::string token = "t0ken") {
    multi_ = std::make_unique<net::CurlMulti>(loop_.get());
    timers_ = std::make_unique<net::UvTimerFactory>(loop_.get());
    PublisherOptions o;
    o.servers = std::move(servers);
    o.token = std::move(token);
    o.timeout = milliseconds(2000);
    o.reconcile_interval = milliseconds(150);
    o.max_backoff = milliseconds(200);
    publisher_ = std::make_unique<AuthPublisher>(*multi_, *timers_, clock_, random_, log_, o);
    publisher_->on_report([this](const ServerReport& r) { reports_.push_back(r); });
    std::optional<std::vector<ServerView>> views;
    publisher_->start([&](std::vector<ServerView> v) { views = std::move(v); });
    EXPECT_TRUE(net::run_loop_until(loop_.get(), [&] { return views.has_value(); }));
    return views.value_or(std::vector<ServerView>{});
  }

  bool until(const std::function<bool()>& done) { return net::run_loop_until(loop_.get(), done); }

  ServerStatus status(size_t i) { return publisher_->status().at(i); }

  net::TestLoop loop_;
  std::ostringstream log_text_;
  Logger log_;
  engine::SystemClock clock_;
  engine::Mt64Random random_;
  std::unique_ptr<net::CurlMulti> multi_;
  std::unique_ptr<net::UvTimerFactory> timers_;
  std::unique_ptr<AuthPublisher> publisher_;
  std::vector<ServerReport> reports_;
};

TEST_F(AuthPublisherTest, TheColdStartReadsEveryServerAndToleratesADeadOne) {
  FakeAuthServer a("t0ken", kGroups), b("t0ken", kGroups);
  b.set_held(standby(5));
  const std::string dead = closed_url();
  std::vector<ServerView> views = start({a.url(), b.url(), dead});
  ASSERT_EQ(views.size(), 3u);
  EXPECT_TRUE(views[0].ok);
  EXPECT_EQ(views[0].decisions.size(), 2u);
  ASSERT_TRUE(views[1].ok);
  bool found = false;
  for (const WireDecision& d : views[1].decisions)
    if (d.group == "app.example.com.") {
      found = true;
      EXPECT_EQ(d.epoch, 5u);
      EXPECT_EQ(d.pool, "standby");
    }
  EXPECT_TRUE(found);
  EXPECT_FALSE(views[2].ok);
  EXPECT_FALSE(views[2].error.empty());
  EXPECT_TRUE(reports_.empty());  // the cold start's findings go to `done`, not to reports
}

TEST_F(AuthPublisherTest, PublishesToEveryServerWithTheToken) {
  FakeAuthServer a("t0ken", kGroups), b("t0ken", kGroups);
  start({a.url(), b.url()});
  publisher_->publish(standby(3));
  ASSERT_TRUE(until([&] { return status(0).in_sync && status(1).in_sync; }));
  EXPECT_EQ(a.held("app.example.com.").epoch, 3u);
  EXPECT_EQ(b.held("app.example.com.").pool, "standby");
  EXPECT_EQ(status(0).puts_ok, 1u);
  EXPECT_EQ(status(0).behind, 0u);
  EXPECT_TRUE(status(0).last_ok.has_value());
}

TEST_F(AuthPublisherTest, ADownServerGetsTheDecisionOnceItIsBack) {
  FakeAuthServer a("t0ken", kGroups), b("t0ken", kGroups);
  start({a.url(), b.url()});
  b.fail_with(503);
  publisher_->publish(standby(3));
  ASSERT_TRUE(until([&] { return status(0).in_sync && !status(1).last_error.empty(); }));
  ServerStatus down = status(1);
  EXPECT_FALSE(down.in_sync);
  EXPECT_FALSE(down.reachable);
  EXPECT_NE(down.last_error.find("503"), std::string::npos) << down.last_error;
  EXPECT_EQ(down.behind, 1u);
  b.fail_with(0);
  ASSERT_TRUE(until([&] { return status(1).in_sync; }));
  EXPECT_EQ(b.held("app.example.com.").epoch, 3u);
  EXPECT_EQ(status(1).consecutive_failures, 0u);
}

TEST_F(AuthPublisherTest, NeverPushesOverANewerEpochAndReportsIt) {
  FakeAuthServer a("t0ken", kGroups);
  start({a.url()});
  // Another controller got there first, after our start.
  a.set_held({"app.example.com.", "primary", {"192.0.2.10"}, 9});
  publisher_->publish(standby(3));
  ASSERT_TRUE(until([&] { return !reports_.empty(); }));
  EXPECT_EQ(reports_[0].kind, ServerReport::Kind::kNewer);
  EXPECT_EQ(reports_[0].held.epoch, 9u);
  EXPECT_EQ(reports_[0].held.pool, "primary");
  EXPECT_EQ(a.held("app.example.com.").epoch, 9u);
  EXPECT_EQ(status(0).conflicts, 1u);
  // The controller adopts it: no more pushing.
  publisher_->publish({"app.example.com.", "primary", {"192.0.2.10"}, 9});
  ASSERT_TRUE(until([&] { return status(0).in_sync; }));
  EXPECT_EQ(a.held("app.example.com.").pool, "primary");
}

TEST_F(AuthPublisherTest, ReconcileRepairsAServerRestartedFromAnOldDisk) {
  FakeAuthServer a("t0ken", kGroups);
  start({a.url()});
  publisher_->publish(standby(3));
  ASSERT_TRUE(until([&] { return status(0).in_sync; }));
  a.set_held({"app.example.com.", "primary", {"192.0.2.10"}, 1});
  ASSERT_TRUE(until([&] { return a.held("app.example.com.").epoch == 3; }));
  EXPECT_EQ(a.held("app.example.com.").pool, "standby");
  EXPECT_TRUE(reports_.empty());
}

TEST_F(AuthPublisherTest, ABadTokenShowsInTheServersStatus) {
  FakeAuthServer a("t0ken", kGroups);
  std::vector<ServerView> views = start({a.url()}, "wrong");
  ASSERT_EQ(views.size(), 1u);
  EXPECT_FALSE(views[0].ok);
  EXPECT_NE(views[0].error.find("HTTP 401"), std::string::npos) << views[0].error;
  publisher_->publish(standby(3));
  EXPECT_FALSE(status(0).in_sync);
  EXPECT_EQ(a.held("app.example.com.").epoch, 0u);
}

TEST_F(AuthPublisherTest, AGroupTheServerDoesNotKnowDoesNotHoldUpTheOthers) {
  FakeAuthServer a("t0ken", kGroups);
  start({a.url()});
  publisher_->publish({"new.example.com.", "primary", {"192.0.2.50"}, 4});
  publisher_->publish(standby(5));
  // The client's view, not the server's: the server holds a decision a moment
  // before its answer reaches the publisher.
  ASSERT_TRUE(until([&] {
    ServerStatus s = status(0);
    return s.rejected > 0 && s.behind == 1;
  }));
  EXPECT_EQ(a.held("app.example.com.").epoch, 5u);
  ServerStatus st = status(0);
  EXPECT_FALSE(st.in_sync);
  EXPECT_EQ(st.behind, 1u);
  EXPECT_NE(st.last_error.find("404"), std::string::npos) << st.last_error;
  publisher_->forget("new.example.com.");
  EXPECT_TRUE(status(0).in_sync);
}

}  // namespace
}  // namespace flipdns::publish
