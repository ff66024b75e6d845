// The one transport-agnostic entry point: bytes in, bytes out. UDP, TCP, unit tests
// and the fuzz target all call this; sockets never know DNS rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "resolver/zone/zone_set.h"

namespace flipdns::query {

enum class Transport : uint8_t { kUdp, kTcp };

// What a server says about itself to CHAOS-class queries; empty means REFUSED.
struct Identity {
  std::string id_server;  // id.server. / hostname.bind.
  std::string version;    // version.bind. / version.server.
};

struct Outcome {
  std::size_t size = 0;  // response length in `out`; 0 means send nothing
  uint16_t qtype = 0;    // for metrics; 0 when the question did not parse
  uint16_t rcode = 0;    // full (extended) rcode of the response
};

// Answers one DNS message. Never throws, never allocates. `out` must hold at least
// 512 bytes; over TCP pass 65535 so whole answers fit.
Outcome handle_query(const zone::ZoneSet& zones, const Identity& identity, Transport transport,
                     std::span<const uint8_t> in, std::span<uint8_t> out) noexcept;

}  // namespace flipdns::query
