// The sockets a worker serves on. Each worker opens its own pair per address with
// SO_REUSEPORT, so the kernel spreads datagrams and connections across workers
// without any sharing between threads.
#pragma once

#include <stdexcept>
#include <string>

#include "resolver/server/endpoint.h"
#include "resolver/server/fd.h"

namespace flipdns::server {

class SocketError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A bound, non-blocking UDP socket. On a wildcard address it also asks the kernel
// for each datagram's destination (IP_PKTINFO / IPV6_RECVPKTINFO) so the reply can
// leave from the address the query was sent to.
Fd open_udp_socket(const Endpoint& at);

// A bound, listening, non-blocking TCP socket.
Fd open_tcp_listener(const Endpoint& at, int backlog);

// The address a socket is bound to (to learn the port the kernel picked for port 0).
Endpoint local_endpoint(int fd);

}  // namespace flipdns::server
