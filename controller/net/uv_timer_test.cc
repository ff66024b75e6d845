#include "controller/net/uv_timer.h"

#include <gtest/gtest.h>

#include "controller/net/test_support.h"

namespace flipdns::net {
namespace {

TEST(UvTimer, FiresOnceAndCanBeRestartedFromItsCallback) {
  TestLoop loop;
  {
    UvTimerFactory factory(loop.get());
    auto t = factory.make_timer();
    int fired = 0;
    std::function<void()> again = [&] {
      if (++fired < 3) t->start(Duration(1), again);
    };
    t->start(Duration(1), again);
    EXPECT_TRUE(t->active());
    ASSERT_TRUE(run_loop_until(loop.get(), [&] { return fired == 3; }));
    EXPECT_FALSE(t->active());
  }
  EXPECT_EQ(loop.close(), 0);
}

TEST(UvTimer, StopAndDestroyCancel) {
  TestLoop loop;
  int fired = 0;
  {
    UvTimerFactory factory(loop.get());
    auto a = factory.make_timer();
    auto b = factory.make_timer();
    auto c = factory.make_timer();
    a->start(Duration(0), [&] { ++fired; });
    b->start(Duration(0), [&] { ++fired; });
    c->start(Duration(5), [&] { fired += 100; });
    a->stop();
    b.reset();
    ASSERT_TRUE(run_loop_until(loop.get(), [&] { return fired == 100; }));
  }
  EXPECT_EQ(fired, 100);
  EXPECT_EQ(loop.close(), 0);
}

}  // namespace
}  // namespace flipdns::net
