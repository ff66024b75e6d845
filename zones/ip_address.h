// A failover member: one IPv4 or IPv6 address, served as A or AAAA by family.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flipdns::zones {

class IpAddress {
 public:
  enum class Family : uint8_t { kV4, kV6 };

  // Accepts the textual forms inet_pton does ("192.0.2.1", "2001:db8::1");
  // nothing else: no host names, no ports, no prefixes, no zone ids.
  static std::optional<IpAddress> parse(std::string_view text);

  Family family() const { return family_; }
  bool is_v4() const { return family_ == Family::kV4; }
  // The address as A or AAAA rdata: 4 or 16 octets in network order.
  std::string_view bytes() const {
    return {reinterpret_cast<const char*>(bytes_.data()), is_v4() ? 4u : 16u};
  }
  // Canonical text (RFC 5952 for IPv6), so "2001:DB8:0::1" and "2001:db8::1" compare equal.
  std::string to_string() const;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;

 private:
  Family family_ = Family::kV4;
  std::array<uint8_t, 16> bytes_{};
};

}  // namespace flipdns::zones
