#include "controller/daemon/zone_watch.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "controller/net/test_support.h"

namespace flipdns::daemon {
namespace {

TEST(ZoneWatch, ABurstOfChangesIsOneReload) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("flipdns-watch-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  net::TestLoop loop;
  int reloads = 0;
  {
    ZoneWatch watch(
        loop.get(), dir.string(), [&] { ++reloads; }, engine::Duration(50));
    for (int i = 0; i < 5; ++i) std::ofstream(dir / ("z" + std::to_string(i) + ".yaml")) << i;
    ASSERT_TRUE(net::run_loop_until(loop.get(), [&] { return reloads > 0; }));
    // Quiet afterwards: no second reload.
    net::run_loop_until(
        loop.get(), [] { return false; }, std::chrono::milliseconds(150));
    EXPECT_EQ(reloads, 1);
  }
  EXPECT_EQ(loop.close(), 0);
  std::filesystem::remove_all(dir);
}

TEST(ZoneWatch, AMissingDirectoryCannotBeWatched) {
  net::TestLoop loop;
  EXPECT_THROW(ZoneWatch(loop.get(), "/nonexistent/zones", [] {}), net::UvError);
  EXPECT_EQ(loop.close(), 0);
}

}  // namespace
}  // namespace flipdns::daemon
