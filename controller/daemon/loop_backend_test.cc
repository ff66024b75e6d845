#include "controller/daemon/loop_backend.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "controller/net/test_support.h"

namespace flipdns::daemon {
namespace {

// Answers with the thread it was called on.
class ThreadBackend final : public api::Backend {
 public:
  api::Reply on_thread() { return {200, {{"loop", std::this_thread::get_id() == loop_thread}}}; }
  api::Reply groups() override { return on_thread(); }
  api::Reply group(const std::string& name) override {
    api::Reply r = on_thread();
    r.body["name"] = name;
    return r;
  }
  api::Reply flip(const std::string&, const api::FlipRequest& r,
                  const api::Identity& who) override {
    return {200, {{"pool", r.pool}, {"actor", who.actor()}}};
  }
  api::Reply pin(const std::string&, const api::PinRequest&, const api::Identity&) override {
    return on_thread();
  }
  api::Reply unpin(const std::string&, const api::Identity&) override { return on_thread(); }
  api::Reply audit(const api::AuditQuery&) override { return on_thread(); }
  api::Reply servers() override { return on_thread(); }
  api::Reply healthz() override { return on_thread(); }
  std::string metrics() override { return "m 1\n"; }

  std::thread::id loop_thread = std::this_thread::get_id();
};

TEST(LoopBackend, EveryCallRunsOnTheLoopThread) {
  net::TestLoop loop;
  {
    net::LoopExecutor exec(loop.get());
    ThreadBackend target;
    LoopBackend backend(exec, target);
    std::atomic<bool> done = false;
    std::vector<api::Reply> replies;
    std::string metrics;
    std::thread api([&] {
      replies.push_back(backend.groups());
      replies.push_back(backend.group("app.example.com."));
      replies.push_back(backend.flip("app.example.com.", {"standby", "r"},
                                     api::Identity{api::Role::kOperator, "carol"}));
      metrics = backend.metrics();
      done = true;
    });
    ASSERT_TRUE(net::run_loop_until(loop.get(), [&] { return done.load(); }));
    api.join();
    ASSERT_EQ(replies.size(), 3u);
    EXPECT_EQ(replies[0].body["loop"], true);
    EXPECT_EQ(replies[1].body["name"], "app.example.com.");
    EXPECT_EQ(replies[2].body["actor"], "operator:carol");
    EXPECT_EQ(metrics, "m 1\n");
  }
  EXPECT_EQ(loop.close(), 0);
}

TEST(LoopBackend, AStoppedOrStuckLoopAnswers503) {
  net::TestLoop loop;
  {
    net::LoopExecutor exec(loop.get());
    ThreadBackend target;
    LoopBackend slow(exec, target, std::chrono::milliseconds(20));
    std::optional<api::Reply> r;
    std::thread api([&] { r = slow.groups(); });  // nobody runs the loop
    api.join();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 503);
    exec.close();
    LoopBackend closed(exec, target);
    EXPECT_EQ(closed.healthz().status, 503);
    EXPECT_NE(closed.metrics().find("stopping"), std::string::npos);
  }
  EXPECT_EQ(loop.close(), 0);
}

}  // namespace
}  // namespace flipdns::daemon
