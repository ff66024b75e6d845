#include "resolver/server/endpoint.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace flipdns::server {

uint16_t Endpoint::port() const {
  if (family() == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(addr).sin_port);
  if (family() == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(addr).sin6_port);
  return 0;
}

bool Endpoint::is_wildcard() const {
  if (family() == AF_INET)
    return reinterpret_cast<const sockaddr_in&>(addr).sin_addr.s_addr == htonl(INADDR_ANY);
  if (family() == AF_INET6)
    return IN6_IS_ADDR_UNSPECIFIED(&reinterpret_cast<const sockaddr_in6&>(addr).sin6_addr);
  return false;
}

std::string Endpoint::to_string() const {
  char host[INET6_ADDRSTRLEN] = {};
  if (family() == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(addr).sin_addr, host, sizeof host);
    return std::string(host) + ":" + std::to_string(port());
  }
  if (family() == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(addr).sin6_addr, host, sizeof host);
    return "[" + std::string(host) + "]:" + std::to_string(port());
  }
  return "?";
}

Endpoint Endpoint::from_sockaddr(const sockaddr* sa, socklen_t len) {
  Endpoint e;
  std::memcpy(&e.addr, sa, std::min<std::size_t>(len, sizeof e.addr));
  e.len = len;
  return e;
}

std::optional<Endpoint> parse_endpoint(std::string_view text) {
  std::string host;
  std::string_view port_text;
  bool bracketed = !text.empty() && text.front() == '[';
  if (bracketed) {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
      return std::nullopt;
    host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
    // An unbracketed IPv6 address would make "::1:53" ambiguous.
    if (host.find(':') != std::string::npos) return std::nullopt;
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535)
    return std::nullopt;

  Endpoint e;
  if (bracketed) {
    auto& sin6 = reinterpret_cast<sockaddr_in6&>(e.addr);
    if (inet_pton(AF_INET6, host.c_str(), &sin6.sin6_addr) != 1) return std::nullopt;
    sin6.sin6_family = AF_INET6;
    sin6.sin6_port = htons(static_cast<uint16_t>(port));
    e.len = sizeof sin6;
  } else {
    auto& sin = reinterpret_cast<sockaddr_in&>(e.addr);
    if (inet_pton(AF_INET, host.c_str(), &sin.sin_addr) != 1) return std::nullopt;
    sin.sin_family = AF_INET;
    sin.sin_port = htons(static_cast<uint16_t>(port));
    e.len = sizeof sin;
  }
  return e;
}

}  // namespace flipdns::server
