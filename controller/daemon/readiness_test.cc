#include "controller/daemon/readiness.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace flipdns::daemon {
namespace {

TEST(Readiness, SendsTheStateToNotifySocket) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("flipdns-notify-" + std::to_string(::getpid())))
          .string();
  ::unlink(path.c_str());
  int fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  EXPECT_TRUE(notify_systemd("READY=1"));
  char buf[64] = {};
  ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
  EXPECT_EQ(std::string(buf, n > 0 ? static_cast<size_t>(n) : 0), "READY=1");
  ::unsetenv("NOTIFY_SOCKET");
  EXPECT_FALSE(notify_systemd("READY=1"));  // not under systemd: nothing to do
  ::close(fd);
  ::unlink(path.c_str());
}

}  // namespace
}  // namespace flipdns::daemon
