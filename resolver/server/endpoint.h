// A numeric listen address, "192.0.2.1:53" or "[2001:db8::1]:53".
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <optional>
#include <string>
#include <string_view>

namespace flipdns::server {

struct Endpoint {
  sockaddr_storage addr{};
  socklen_t len = 0;

  int family() const { return addr.ss_family; }
  uint16_t port() const;
  // The unspecified address (0.0.0.0 or ::): replies must then name their source.
  bool is_wildcard() const;
  std::string to_string() const;  // the same form parse_endpoint reads

  static Endpoint from_sockaddr(const sockaddr* sa, socklen_t len);
};

// Numeric addresses only: a server should not depend on a resolver to start.
// Port 0 is allowed here; callers that need a fixed port check it themselves.
std::optional<Endpoint> parse_endpoint(std::string_view text);

}  // namespace flipdns::server
