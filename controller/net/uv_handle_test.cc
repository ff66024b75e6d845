#include "controller/net/uv_handle.h"

#include <gtest/gtest.h>

#include "controller/net/test_support.h"

namespace flipdns::net {
namespace {

TEST(UvHandle, ClosingReleasesTheHandleSoTheLoopCloses) {
  TestLoop loop;
  {
    UvHandle<uv_timer_t> t([&](uv_timer_t* h) { return uv_timer_init(loop.get(), h); });
    uv_timer_start(
        t.get(), [](uv_timer_t*) {}, 100000, 0);
  }
  EXPECT_EQ(loop.close(), 0);
}

TEST(UvHandle, AnOpenHandleKeepsTheLoopBusy) {
  TestLoop loop;
  UvHandle<uv_timer_t> t([&](uv_timer_t* h) { return uv_timer_init(loop.get(), h); });
  EXPECT_EQ(loop.close(), UV_EBUSY);
  t.reset();
  EXPECT_EQ(loop.close(), 0);
}

TEST(UvHandle, AStoppedHandleNeverCallsBack) {
  TestLoop loop;
  int fired = 0;
  UvHandle<uv_timer_t> t([&](uv_timer_t* h) { return uv_timer_init(loop.get(), h); });
  t->data = &fired;
  uv_timer_start(
      t.get(), [](uv_timer_t* h) { ++*static_cast<int*>(h->data); }, 0, 0);
  t.reset();
  uv_run(loop.get(), UV_RUN_NOWAIT);
  EXPECT_EQ(fired, 0);
  EXPECT_EQ(loop.close(), 0);
}

TEST(UvHandle, AFailedInitThrowsAndLeavesNothingOpen) {
  TestLoop loop;
  EXPECT_THROW(
      UvHandle<uv_tcp_t>([&](uv_tcp_t* h) { return uv_tcp_init_ex(loop.get(), h, 12345); }),
      UvError);
  EXPECT_EQ(loop.close(), 0);
}

TEST(UvHandle, MovingKeepsOneOwner) {
  TestLoop loop;
  UvHandle<uv_timer_t> a([&](uv_timer_t* h) { return uv_timer_init(loop.get(), h); });
  uv_timer_t* raw = a.get();
  UvHandle<uv_timer_t> b = std::move(a);
  EXPECT_FALSE(a);
  EXPECT_EQ(b.get(), raw);
  b = UvHandle<uv_timer_t>();
  EXPECT_EQ(loop.close(), 0);
}

}  // namespace
}  // namespace flipdns::net
