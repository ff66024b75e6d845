#include "resolver/server/listen_socket.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>

#include <thread>
#include <vector>

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

// The socket that got a datagram, waiting up to a second; -1 if none did.
int receiver(const std::vector<Fd>& fds) {
  std::vector<pollfd> p;
  for (const Fd& f : fds) p.push_back({f.get(), POLLIN, 0});
  if (poll(p.data(), p.size(), 1000) <= 0) return -1;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!(p[i].revents & POLLIN)) continue;
    char buf[16];
    EXPECT_EQ(recv(fds[i].get(), buf, sizeof buf, 0), 1);
    return static_cast<int>(i);
  }
  return -1;
}

// On loopback the kernel takes a datagram in on the CPU that sent it, so a
// sender pinned to CPU c must reach socket c mod 3, whatever its source port.
TEST(ListenSocket, SteeredDatagramsReachTheSocketOfTheirCpu) {
  constexpr unsigned kSockets = 3;
  std::vector<Fd> fds;
  fds.push_back(open_udp_socket(loopback_any_port()));
  Endpoint bound = local_endpoint(fds.front().get());
  while (fds.size() < kSockets) fds.push_back(open_udp_socket(bound));
  steer_udp_by_cpu(bound, fds.front().get(), kSockets);

  cpu_set_t allowed;
  ASSERT_EQ(sched_getaffinity(0, sizeof allowed, &allowed), 0);
  int tried = 0;
  for (int cpu = 0; cpu < CPU_SETSIZE && tried < 8; ++cpu) {
    if (!CPU_ISSET(cpu, &allowed)) continue;
    ++tried;
    for (int source = 0; source < 4; ++source) {  // new source ports: no hash luck
      std::thread sender([&] {
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(cpu, &one);
        ASSERT_EQ(pthread_setaffinity_np(pthread_self(), sizeof one, &one), 0);
        Fd s(socket(AF_INET, SOCK_DGRAM, 0));
        ASSERT_EQ(
            sendto(s.get(), "q", 1, 0, reinterpret_cast<const sockaddr*>(&bound.addr), bound.len),
            1);
      });
      sender.join();
      EXPECT_EQ(receiver(fds), cpu % static_cast<int>(kSockets)) << "sent from CPU " << cpu;
    }
  }
  EXPECT_GT(tried, 0);
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
