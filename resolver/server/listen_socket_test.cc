#include "resolver/server/listen_socket.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace flipdns::server {
namespace {

Endpoint loopback_any_port() {
  return *parse_endpoint("127.0.0.1:0");
}

TEST(ListenSocket, SeveralUdpSocketsShareOnePort) {
  Fd first = open_udp_socket(loopback_any_port());
  Endpoint bound = local_endpoint(first.get());
  ASSERT_NE(bound.port(), 0);
  Fd second = open_udp_socket(bound);
  EXPECT_EQ(local_endpoint(second.get()).port(), bound.port());
}

TEST(ListenSocket, SeveralTcpListenersShareOnePort) {
  Fd first = open_tcp_listener(loopback_any_port(), 16);
  Endpoint bound = local_endpoint(first.get());
  Fd second = open_tcp_listener(bound, 16);
  EXPECT_EQ(local_endpoint(second.get()).port(), bound.port());
}

int int_option(int fd, int level, int name) {
  int value = -1;
  socklen_t len = sizeof value;
  EXPECT_EQ(getsockopt(fd, level, name, &value, &len), 0);
  return value;
}

TEST(ListenSocket, UdpAnswersAreNeverFragmentedHere) {
  Fd v4 = open_udp_socket(loopback_any_port());
  EXPECT_EQ(int_option(v4.get(), IPPROTO_IP, IP_MTU_DISCOVER), IP_PMTUDISC_PROBE);
  Fd v6 = open_udp_socket(*parse_endpoint("[::1]:0"));
  EXPECT_EQ(int_option(v6.get(), IPPROTO_IPV6, IPV6_MTU_DISCOVER), IPV6_PMTUDISC_PROBE);
}

TEST(ListenSocket, BindFailureNamesTheAddress) {
  // A socket without SO_REUSEPORT holds the port, so ours cannot share it.
  Fd holder(socket(AF_INET, SOCK_DGRAM, 0));
  Endpoint any = loopback_any_port();
  ASSERT_EQ(bind(holder.get(), reinterpret_cast<const sockaddr*>(&any.addr), any.len), 0);
  Endpoint taken = local_endpoint(holder.get());
  try {
    open_udp_socket(taken);
    FAIL() << "bind should have failed";
  } catch (const SocketError& e) {
    EXPECT_EQ(std::string(e.what()), taken.to_string() + ": bind: Address already in use");
  }
}

}  // namespace
}  // namespace flipdns::server
