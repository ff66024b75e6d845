#include "resolver/server/listen_socket.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace flipdns::server {
namespace {

[[noreturn]] void fail(const Endpoint& at, const char* what, int err) {
  throw SocketError(at.to_string() + ": " + what + ": " + std::strerror(err));
}

void set_int_option(const Endpoint& at, int fd, int level, int name, const char* what,
                    int value = 1) {
  if (setsockopt(fd, level, name, &value, sizeof value) != 0) fail(at, what, errno);
}

Fd open_bound(const Endpoint& at, int type) {
  Fd fd(socket(at.family(), type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) fail(at, "socket", errno);
  set_int_option(at, fd.get(), SOL_SOCKET, SO_REUSEPORT, "SO_REUSEPORT");
  if (type == SOCK_STREAM) set_int_option(at, fd.get(), SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR");
  if (at.family() == AF_INET6)
    set_int_option(at, fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, "IPV6_V6ONLY");
  if (bind(fd.get(), reinterpret_cast<const sockaddr*>(&at.addr), at.len) != 0)
    fail(at, "bind", errno);
  return fd;
}

}  // namespace

Fd open_udp_socket(const Endpoint& at) {
  Fd fd = open_bound(at, SOCK_DGRAM);
  // Answers leave with DF set and are never fragmented here, whatever path MTU an
  // ICMP message (perhaps forged) claims (RFC 9715 R1). Answers are at most 1232
  // octets, so they fit every link DNS runs on. With DF, Linux also skips picking a
  // random IPv4 ID for each datagram.
  if (at.family() == AF_INET)
    set_int_option(at, fd.get(), IPPROTO_IP, IP_MTU_DISCOVER, "IP_MTU_DISCOVER", IP_PMTUDISC_PROBE);
  else
    set_int_option(at, fd.get(), IPPROTO_IPV6, IPV6_MTU_DISCOVER, "IPV6_MTU_DISCOVER",
                   IPV6_PMTUDISC_PROBE);
  if (at.is_wildcard()) {
    if (at.family() == AF_INET)
      set_int_option(at, fd.get(), IPPROTO_IP, IP_PKTINFO, "IP_PKTINFO");
    else
      set_int_option(at, fd.get(), IPPROTO_IPV6, IPV6_RECVPKTINFO, "IPV6_RECVPKTINFO");
  }
  return fd;
}

Fd open_tcp_listener(const Endpoint& at, int backlog) {
  Fd fd = open_bound(at, SOCK_STREAM);
  if (listen(fd.get(), backlog) != 0) fail(at, "listen", errno);
  return fd;
}

Endpoint local_endpoint(int fd) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0)
    throw SocketError(std::string("getsockname: ") + std::strerror(errno));
  return Endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&ss), len);
}

}  // namespace flipdns::server
