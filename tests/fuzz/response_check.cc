#include "tests/fuzz/response_check.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "resolver/dns/ldns_ptr.h"
#include "tests/fuzz/message_walk.h"

namespace flipdns::fuzz {
namespace {

constexpr std::size_t kMaxUdp = 1232;  // what the server advertises (DNS Flag Day 2020)
constexpr std::size_t kPlainUdp = 512;
constexpr uint16_t kQr = 0x8000, kTc = 0x0200, kRa = 0x0080;

[[noreturn]] void fail(const char* what, std::span<const uint8_t> query,
                       std::span<const uint8_t> out, query::Transport transport) {
  std::fprintf(stderr, "\n*** response invariant violated (%s): %s\n",
               transport == query::Transport::kUdp ? "udp" : "tcp", what);
  std::fprintf(stderr, "query (%zu octets):", query.size());
  for (uint8_t b : query) std::fprintf(stderr, " %02x", b);
  std::fprintf(stderr, "\nresponse (%zu octets):", out.size());
  for (uint8_t b : out) std::fprintf(stderr, " %02x", b);
  std::fprintf(stderr, "\n");
  std::abort();
}

int opcode_of(uint16_t flags) {
  return (flags >> 11) & 0xF;
}

}  // namespace

void check_response(std::span<const uint8_t> query, query::Transport transport,
                    std::size_t capacity, const query::Outcome& outcome,
                    std::span<const uint8_t> out) {
  const bool udp = transport == query::Transport::kUdp;
  auto check = [&](bool ok, const char* what) {
    if (!ok) fail(what, query, out, transport);
  };

  check(outcome.size <= capacity, "response larger than the output buffer");
  check(out.size() == outcome.size, "harness: span/outcome mismatch");
  if (query.size() < 2) check(outcome.size == 0, "answered a message without an id");
  if (query.size() >= 3 && (query[2] & 0x80))
    check(outcome.size == 0, "answered a response (QR=1)");
  if (outcome.size == 0) return;

  auto shape = walk_message(out);
  check(shape.has_value(), "response does not walk: header counts or names inconsistent");
  check(query.size() >= 2 && shape->id == ((query[0] << 8) | query[1]), "response id differs");
  check(shape->flags & kQr, "QR not set");
  check(!(shape->flags & kRa), "RA set");
  if (query.size() >= 3)
    check(opcode_of(shape->flags) == ((query[2] >> 3) & 0xF), "opcode not copied");
  check((shape->flags & 0xF) == (outcome.rcode & 0xF), "Outcome.rcode disagrees with header");
  check(shape->qdcount <= 1, "more than one question in a response");
  check(shape->opt_elsewhere == 0, "OPT outside the additional section");
  check(shape->opt_in_additional <= 1, "more than one OPT");
  check(shape->opt_owner_is_root, "OPT owner is not the root");
  if (udp) check(outcome.size <= kMaxUdp, "UDP response above the advertised 1232");
  if (!udp) check(!(shape->flags & kTc), "TC set over TCP");

  // What the query itself says, when it is well formed enough to tell.
  if (auto q = walk_message(query)) {
    const int opts = q->opt_in_additional + q->opt_elsewhere;
    if (opts == 0) {
      check(shape->opt_in_additional == 0, "OPT in a response to a query without one (RFC 6891 7)");
      if (udp) check(outcome.size <= kPlainUdp, "UDP response above 512 without EDNS");
    } else if (opts == 1 && q->opt_in_additional == 1 && udp) {
      std::size_t limit =
          std::max<std::size_t>(kPlainUdp, std::min<std::size_t>(q->opt_udp_size, kMaxUdp));
      check(outcome.size <= limit, "UDP response above the client's EDNS payload size");
    }
  }

  // A question in the response is the query's question, letter case included.
  if (shape->qdcount == 1) {
    std::array<uint8_t, 255> qname{}, rname{};
    std::size_t qlen = first_question_name(query, qname);
    std::size_t rlen = first_question_name(out, rname);
    if (qlen > 0) {
      check(qlen == rlen && std::memcmp(qname.data(), rname.data(), qlen) == 0,
            "question name not echoed exactly");
      auto q = walk_message(query);
      if (q) check(shape->qtype == q->qtype, "question type not echoed");
    }
  }

  // And an independent parser must accept it.
  ldns_pkt* raw = nullptr;
  ldns_status st = ldns_wire2pkt(&raw, out.data(), out.size());
  dns::PktPtr pkt(raw);
  check(st == LDNS_STATUS_OK, "ldns_wire2pkt rejects the response");
  check(ldns_pkt_qdcount(pkt.get()) == shape->qdcount &&
            ldns_pkt_ancount(pkt.get()) == shape->ancount &&
            ldns_pkt_nscount(pkt.get()) == shape->nscount,
        "ldns counts differ from the header");
}

}  // namespace flipdns::fuzz
