// libFuzzer target: any octets, over UDP and TCP, into the one query entry point.
// The zones (shipped beside this file) cover every kind of node a lookup can reach:
// apex, plain names, CNAME chains and loops, wildcards, empty non-terminals,
// delegations with glue and DS, a child zone served alongside its parent, unknown
// types, and answers too large for 512 and for 1232 octets.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "resolver/query/handler.h"
#include "resolver/query/zone_loader.h"
#include "tests/fuzz/response_check.h"

namespace {

using flipdns::query::Outcome;
using flipdns::query::Transport;

const flipdns::zone::ZoneSet& zones() {
  static const std::shared_ptr<const flipdns::zone::ZoneSet> set = [] {
    const char* env = std::getenv("FLIPDNS_FUZZ_ZONE_DIR");
    std::string dir = env ? env : FLIPDNS_FUZZ_ZONE_DIR;
    try {
      return flipdns::query::load_zone_set({
          {"example.com.", dir + "/example.com.zone"},
          {"child.example.com.", dir + "/child.example.com.zone"},
          {"2.0.192.in-addr.arpa.", dir + "/2.0.192.in-addr.arpa.zone"},
      });
    } catch (const std::exception& e) {
      std::fprintf(stderr, "fuzz_query: cannot load the fuzz zones: %s\n", e.what());
      std::abort();
    }
  }();
  return *set;
}

const flipdns::query::Identity& identity() {
  static const flipdns::query::Identity id{"fuzz-1", "flipdns-fuzz"};
  return id;
}

// Exactly sized heap buffers, so AddressSanitizer sees any write past `capacity`.
Outcome run(Transport t, std::span<const uint8_t> in, std::vector<uint8_t>& out) {
  Outcome o = flipdns::query::handle_query(zones(), identity(), t, in, out);
  flipdns::fuzz::check_response(in, t, out.size(), o,
                                std::span<const uint8_t>(out.data(), std::min(o.size, out.size())));
  return o;
}

// FLIPDNS_FUZZ_VERBOSE=1 prints what each input got, to read a crash or a corpus.
bool verbose() {
  static const bool on = std::getenv("FLIPDNS_FUZZ_VERBOSE") != nullptr;
  return on;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)zones();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  // A copy of exactly `size` octets: reads past the message end are caught too.
  std::vector<uint8_t> in(data, data + size);
  std::span<const uint8_t> query(in.data(), in.size());

  std::vector<uint8_t> udp(65535), udp_small(512), tcp(65535);
  Outcome u = run(Transport::kUdp, query, udp);
  run(Transport::kUdp, query, udp_small);
  Outcome t = run(Transport::kTcp, query, tcp);
  if (verbose()) {
    auto counts = [](const std::vector<uint8_t>& m, std::size_t n) {
      return n >= 12
                 ? std::to_string(m[7]) + "/" + std::to_string(m[9]) + "/" + std::to_string(m[11])
                 : std::string("-");
    };
    std::fprintf(stderr,
                 "qtype %u: udp rcode %u size %zu an/ns/ar %s; tcp rcode %u size %zu an/ns/ar %s\n",
                 u.qtype, u.rcode, u.size, counts(udp, u.size).c_str(), t.rcode, t.size,
                 counts(tcp, t.size).c_str());
  }

  // The transport only decides truncation and optional additional data (RFC 2181
  // 9): an untruncated UDP answer has the TCP answer's header and sections, less
  // perhaps some additional records. Two exceptions: zone transfers are TCP-only,
  // and over TCP a FORMERR without a question is not sent (the stream is dropped,
  // as NSD and Knot do).
  const bool truncated = u.size >= 4 && (udp[2] & 0x02);
  const bool transfer = u.qtype == 251 || u.qtype == 252;
  const bool tcp_drops_formerr =
      t.size == 0 && u.size >= 12 && (udp[3] & 0x0F) == 1 && udp[4] == 0 && udp[5] == 0;
  if (!truncated && !transfer && !tcp_drops_formerr) {
    const bool same_head = u.size == t.size
                               ? std::memcmp(udp.data(), tcp.data(), u.size) == 0
                               : u.size < t.size && u.size >= 12 &&
                                     std::memcmp(udp.data(), tcp.data(), 10) == 0 &&
                                     ((udp[10] << 8) | udp[11]) < ((tcp[10] << 8) | tcp[11]);
    if (!same_head) {
      std::fprintf(stderr, "*** untruncated UDP answer (%zu octets) is not the TCP answer (%zu)\n",
                   u.size, t.size);
      std::abort();
    }
  }
  return 0;
}
