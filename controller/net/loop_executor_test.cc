#include "controller/net/loop_executor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "controller/net/test_support.h"

namespace flipdns::net {
namespace {

using std::chrono::milliseconds;

TEST(LoopExecutor, RunsCallsFromAnotherThreadOnTheLoopThread) {
  TestLoop loop;
  {
    LoopExecutor exec(loop.get());
    const auto loop_thread = std::this_thread::get_id();
    std::atomic<int> answered = 0;
    std::optional<bool> on_loop;
    std::optional<int> value;
    std::thread caller([&] {
      on_loop = exec.call<bool>([&] { return std::this_thread::get_id() == loop_thread; },
                                milliseconds(10000));
      value = exec.call<int>([] { return 42; }, milliseconds(10000));
      answered = 1;
    });
    ASSERT_TRUE(run_loop_until(loop.get(), [&] { return answered == 1; }));
    caller.join();
    EXPECT_EQ(on_loop, true);
    EXPECT_EQ(value, 42);
  }
  EXPECT_EQ(loop.close(), 0);
}

TEST(LoopExecutor, ExceptionsReachTheCaller) {
  TestLoop loop;
  LoopExecutor exec(loop.get());
  std::atomic<bool> threw = false, done = false;
  std::thread caller([&] {
    try {
      exec.call<int>([]() -> int { throw std::runtime_error("boom"); }, milliseconds(10000));
    } catch (const std::runtime_error&) {
      threw = true;
    }
    done = true;
  });
  ASSERT_TRUE(run_loop_until(loop.get(), [&] { return done.load(); }));
  caller.join();
  EXPECT_TRUE(threw);
}

TEST(LoopExecutor, CloseAnswersWaitingCallersAndRefusesNewOnes) {
  TestLoop loop;
  {
    LoopExecutor exec(loop.get());
    std::optional<int> result = 7;
    std::atomic<bool> posted = false;
    // The loop is not run: the task stays queued until close() drops it.
    std::thread caller([&] {
      posted = true;
      result = exec.call<int>([] { return 1; }, milliseconds(10000));
    });
    while (!posted) std::this_thread::yield();
    // The call may or may not be queued yet; either way it must come back empty.
    exec.close();
    caller.join();
    EXPECT_FALSE(result);
    EXPECT_FALSE(exec.post([] {}));
  }
  EXPECT_EQ(loop.close(), 0);
}

TEST(LoopExecutor, ASlowLoopTimesTheCallerOut) {
  TestLoop loop;
  LoopExecutor exec(loop.get());
  // Nobody runs the loop.
  EXPECT_FALSE(exec.call<int>([] { return 1; }, milliseconds(20)));
}

}  // namespace
}  // namespace flipdns::net
