#include "controller/net/fake_timers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace flipdns::net {
namespace {

using std::chrono::milliseconds;

TEST(FakeTimers, FireAtTheirDeadlinesInOrder) {
  engine::FakeClock clock;
  FakeTimers timers(clock);
  const auto t0 = clock.now();
  std::vector<std::pair<std::string, milliseconds>> fired;
  auto a = timers.make_timer(), b = timers.make_timer(), c = timers.make_timer();
  auto at = [&](std::string name) {
    return [&, name] {
      fired.emplace_back(name, std::chrono::duration_cast<milliseconds>(clock.now() - t0));
    };
  };
  a->start(milliseconds(300), at("a"));
  b->start(milliseconds(100), at("b"));
  c->start(milliseconds(100), at("c"));
  timers.advance(milliseconds(250));
  ASSERT_EQ(fired.size(), 2u);
  EXPECT_EQ(fired[0], std::make_pair(std::string("b"), milliseconds(100)));
  EXPECT_EQ(fired[1], std::make_pair(std::string("c"), milliseconds(100)));
  EXPECT_EQ(clock.now() - t0, milliseconds(250));
  EXPECT_TRUE(a->active());
  timers.advance(milliseconds(50));
  ASSERT_EQ(fired.size(), 3u);
  EXPECT_EQ(fired[2].second, milliseconds(300));
}

TEST(FakeTimers, ACallbackCanRestartItsTimer) {
  engine::FakeClock clock;
  FakeTimers timers(clock);
  auto t = timers.make_timer();
  int count = 0;
  std::function<void()> tick = [&] {
    ++count;
    t->start(milliseconds(10), tick);
  };
  t->start(milliseconds(10), tick);
  timers.advance(milliseconds(55));
  EXPECT_EQ(count, 5);
  EXPECT_EQ(timers.active_count(), 1u);
}

TEST(FakeTimers, StoppedAndDestroyedTimersDoNotFire) {
  engine::FakeClock clock;
  FakeTimers timers(clock);
  int fired = 0;
  auto a = timers.make_timer();
  auto b = timers.make_timer();
  a->start(milliseconds(1), [&] { ++fired; });
  b->start(milliseconds(1), [&] { ++fired; });
  a->stop();
  b.reset();
  timers.advance(milliseconds(5));
  EXPECT_EQ(fired, 0);
  EXPECT_FALSE(timers.next_deadline());
}

TEST(FakeTimers, ZeroDelayFiresOnRunDue) {
  engine::FakeClock clock;
  FakeTimers timers(clock);
  bool fired = false;
  auto a = timers.make_timer();
  a->start(milliseconds(0), [&] { fired = true; });
  EXPECT_FALSE(fired);
  timers.run_due();
  EXPECT_TRUE(fired);
}

}  // namespace
}  // namespace flipdns::net
