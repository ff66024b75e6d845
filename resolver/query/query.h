// The one struct a query is carried in through the stages of handler.cc:
// parse -> find zone -> locate -> respond. Built fresh per query on the stack:
// this constructor is the single place per-query scratch is reset (the
// lower-cased name buffer is the only scratch; the response goes straight to
// the caller's output buffer).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "resolver/dns/wire.h"
#include "resolver/query/handler.h"

namespace flipdns::query {

struct Query {
  Query(std::span<const uint8_t> in, Transport t) : wire(in), transport(t) {}

  std::span<const uint8_t> wire;
  Transport transport;

  // header
  uint16_t id = 0;
  uint16_t flags = 0;
  uint8_t opcode = 0;

  // question, once parsed: the sender's bytes (case kept) and a lower-cased copy
  bool has_question = false;
  uint16_t question_len = 0;  // qname + type + class, as it stands in `wire`
  uint8_t qname_len = 0;
  uint16_t qtype = 0;
  uint16_t qclass = 0;
  uint8_t qname_lower[dns::kMaxNameLen];

  // EDNS (RFC 6891)
  bool has_edns = false;
  uint8_t edns_version = 0;
  bool edns_do = false;
  uint16_t udp_payload = 0;

  std::string_view qname() const { return {reinterpret_cast<const char*>(qname_lower), qname_len}; }
  const uint8_t* question() const { return wire.data() + dns::kHeaderSize; }

  // The largest response this query may get (RFC 1035 4.2.1, RFC 6891 6.2.5).
  std::size_t size_limit(std::size_t out_capacity) const {
    std::size_t limit = dns::kMaxMessage;
    if (transport == Transport::kUdp) {
      limit = dns::kMinUdpPayload;
      if (has_edns && udp_payload > limit)
        limit = udp_payload < dns::kMaxUdpPayload ? udp_payload : dns::kMaxUdpPayload;
    }
    return limit < out_capacity ? limit : out_capacity;
  }
};

}  // namespace flipdns::query
