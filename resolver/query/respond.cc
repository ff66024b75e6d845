#include "resolver/query/respond.h"

#include <cstring>

#include "resolver/dns/wire.h"

namespace flipdns::query {
namespace {

// Header and question; returns the offset after the question.
std::size_t start(const Query& q, uint16_t rcode, bool aa, uint8_t* out) {
  // RD is copied (RFC 1035 4.1.1). CD is not: the zones are unsigned and this is
  // no security-aware server (RFC 4035 3.1.6 binds those), so it stays clear, as
  // NSD and Knot leave it.
  uint16_t flags = dns::flag::QR | static_cast<uint16_t>(q.opcode << 11) |
                   (q.flags & dns::flag::RD) | (rcode & 0xF);
  if (aa) flags |= dns::flag::AA;
  dns::put16(out, q.id);
  dns::put16(out + 2, flags);
  dns::put16(out + 4, q.has_question ? 1 : 0);
  std::memset(out + 6, 0, 6);
  if (!q.has_question) return dns::kHeaderSize;
  std::memcpy(out + dns::kHeaderSize, q.question(), q.question_len);
  return dns::kHeaderSize + q.question_len;
}

void set_counts(uint8_t* out, uint16_t an, uint16_t ns, uint16_t ar) {
  dns::put16(out + 6, an);
  dns::put16(out + 8, ns);
  dns::put16(out + 10, ar);
}

// OPT with our payload size, version 0 and the sender's DO bit (RFC 3225 3).
std::size_t append_opt(const Query& q, uint16_t rcode, uint8_t* out, std::size_t pos) {
  if (!q.has_edns) return pos;
  uint8_t* p = out + pos;
  p[0] = 0;
  dns::put16(p + 1, dns::type::OPT);
  dns::put16(p + 3, dns::kMaxUdpPayload);
  uint32_t ttl =
      (uint32_t{static_cast<uint8_t>(rcode >> 4)} << 24) | (q.edns_do ? dns::kEdnsDo : 0);
  dns::put32(p + 5, ttl);
  dns::put16(p + 9, 0);
  dns::put16(out + 10, static_cast<uint16_t>(dns::get16(out + 10) + 1));
  return pos + dns::kOptRrSize;
}

}  // namespace

std::size_t respond(const Query& q, const zone::AnswerTable& table, const zone::Answer& a,
                    uint32_t serial, std::span<uint8_t> out_span) noexcept {
  uint8_t* out = out_span.data();
  std::size_t limit = q.size_limit(out_span.size());
  std::size_t opt = q.has_edns ? dns::kOptRrSize : 0;
  std::size_t pos = start(q, a.rcode, a.flags & zone::kAnswerAuthoritative, out);

  std::size_t body = a.wire_len;
  uint16_t ar = a.arcount;
  bool tc = false;
  if (pos + body + opt > limit) {
    // Additional data goes first (RFC 2181 9), unless it is glue the referral
    // cannot work without; then the sender must retry over TCP.
    if (!(a.flags & zone::kAnswerNeedsAdditional) && pos + a.no_additional_len + opt <= limit) {
      body = a.no_additional_len;
      ar = 0;
    } else {
      body = 0;
      tc = true;
    }
  }
  if (tc) {
    dns::put16(out + 2, static_cast<uint16_t>(dns::get16(out + 2) | dns::flag::TC));
    return append_opt(q, a.rcode, out, pos);
  }
  std::memcpy(out + pos, table.wire_of(a), body);
  if (a.serial_off && a.serial_off + 4u <= body) dns::put32(out + pos + a.serial_off, serial);
  int delta = int{q.qname_len} - int{a.qname_len};
  if (delta != 0) {
    const uint16_t* r = table.relocs_of(a);
    for (uint16_t i = 0; i < a.reloc_count && r[i] < body; ++i) {
      uint8_t* p = out + pos + r[i];
      dns::put16(p, static_cast<uint16_t>(dns::get16(p) + delta));
    }
  }
  set_counts(out, a.ancount, a.nscount, ar);
  return append_opt(q, a.rcode, out, pos + body);
}

std::size_t respond_empty(const Query& q, uint16_t rcode, std::span<uint8_t> out) noexcept {
  std::size_t pos = start(q, rcode, false, out.data());
  return append_opt(q, rcode, out.data(), pos);
}

std::size_t respond_chaos_txt(const Query& q, std::string_view text,
                              std::span<uint8_t> out) noexcept {
  // Keeps the answer within the 512 octets every caller guarantees.
  if (text.size() > 200) text = text.substr(0, 200);
  uint8_t* o = out.data();
  std::size_t pos = start(q, dns::rcode::NOERROR, true, o);
  uint8_t* p = o + pos;
  dns::put16(p, 0xC000 | dns::kHeaderSize);
  dns::put16(p + 2, dns::type::TXT);
  dns::put16(p + 4, dns::cls::CH);
  dns::put32(p + 6, 0);
  dns::put16(p + 10, static_cast<uint16_t>(text.size() + 1));
  p[12] = static_cast<uint8_t>(text.size());
  std::memcpy(p + 13, text.data(), text.size());
  set_counts(o, 1, 0, 0);
  return append_opt(q, dns::rcode::NOERROR, o, pos + 13 + text.size());
}

}  // namespace flipdns::query
