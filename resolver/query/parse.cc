#include "resolver/query/parse.h"

#include "resolver/dns/name.h"

namespace flipdns::query {
namespace {

// Skips a possibly compressed name in an additional-section RR. Returns the
// offset after it, or 0 if it runs off the message or points badly. Pointers
// may only go backwards, which bounds the walk.
std::size_t skip_name(std::span<const uint8_t> w, std::size_t pos) {
  std::size_t end = 0;
  std::size_t total = 0;
  std::size_t limit = pos;
  for (int hops = 0; hops < 128; ++hops) {
    if (pos >= w.size()) return 0;
    uint8_t len = w[pos];
    if (len == 0) return end ? end : pos + 1;
    if ((len & 0xC0) == 0xC0) {
      if (pos + 1 >= w.size()) return 0;
      std::size_t target = ((len & 0x3F) << 8) | w[pos + 1];
      if (!end) end = pos + 2;
      if (target >= limit) return 0;
      limit = target;
      pos = target;
      continue;
    }
    if (len & 0xC0) return 0;  // the 0x40 and 0x80 label types are obsolete (RFC 6891 5)
    total += len + 1;
    if (total > dns::kMaxNameLen) return 0;
    pos += 1 + len;
  }
  return 0;
}

ParseResult parse_opt(Query& q, std::span<const uint8_t> w, std::size_t pos, uint16_t cls,
                      uint32_t ttl, uint16_t rdlen) {
  if (q.has_edns) return ParseResult::kFormErr;  // at most one OPT (RFC 6891 6.1.1)
  q.has_edns = true;
  q.udp_payload = cls;
  q.edns_version = static_cast<uint8_t>(ttl >> 16);
  q.edns_do = (ttl & dns::kEdnsDo) != 0;
  // Options must tile the rdata exactly; their contents are ignored.
  std::size_t end = pos + rdlen;
  while (pos < end) {
    if (pos + 4 > end) return ParseResult::kFormErr;
    pos += 4 + dns::get16(w.data() + pos + 2);
  }
  return pos == end ? ParseResult::kOk : ParseResult::kFormErr;
}

}  // namespace

ParseResult parse(Query& q) noexcept {
  std::span<const uint8_t> w = q.wire;
  if (w.size() < dns::kHeaderSize) return ParseResult::kDrop;
  const uint8_t* h = w.data();
  q.id = dns::get16(h);
  q.flags = dns::get16(h + 2);
  if (q.flags & dns::flag::QR) return ParseResult::kDrop;
  q.opcode = static_cast<uint8_t>((q.flags >> 11) & 0xF);
  uint16_t qd = dns::get16(h + 4), an = dns::get16(h + 6), ns = dns::get16(h + 8),
           ar = dns::get16(h + 10);
  if (qd != 1) return ParseResult::kFormErr;

  // Question name: plain labels only; a pointer here could only point into the header.
  std::size_t pos = dns::kHeaderSize;
  std::size_t n = 0;
  while (true) {
    if (pos >= w.size()) return ParseResult::kFormErr;
    uint8_t len = w[pos];
    if (len & 0xC0) return ParseResult::kFormErr;
    if (n + 1 + len > dns::kMaxNameLen || pos + 1 + len > w.size()) return ParseResult::kFormErr;
    q.qname_lower[n++] = len;
    ++pos;
    if (len == 0) break;
    for (uint8_t i = 0; i < len; ++i) q.qname_lower[n++] = dns::to_lower(w[pos + i]);
    pos += len;
  }
  if (pos + 4 > w.size()) return ParseResult::kFormErr;
  q.qname_len = static_cast<uint8_t>(n);
  q.qtype = dns::get16(w.data() + pos);
  q.qclass = dns::get16(w.data() + pos + 2);
  pos += 4;
  q.question_len = static_cast<uint16_t>(pos - dns::kHeaderSize);
  q.has_question = true;

  // A query carries no answer or authority records (NOTIFY and UPDATE differ, but
  // those opcodes are not served and are turned away before their contents matter).
  if ((an || ns) && q.opcode == dns::opcode::QUERY) return ParseResult::kFormErr;
  for (uint32_t i = 0; i < uint32_t{an} + ns + ar; ++i) {
    std::size_t owner = pos;
    pos = skip_name(w, pos);
    if (pos == 0 || pos + 10 > w.size()) return ParseResult::kFormErr;
    uint16_t type = dns::get16(w.data() + pos);
    uint16_t cls = dns::get16(w.data() + pos + 2);
    uint32_t ttl = dns::get32(w.data() + pos + 4);
    uint16_t rdlen = dns::get16(w.data() + pos + 8);
    pos += 10;
    if (pos + rdlen > w.size()) return ParseResult::kFormErr;
    if (type == dns::type::OPT && i >= uint32_t{an} + ns) {
      if (w[owner] != 0) return ParseResult::kFormErr;  // OPT owner is the root
      if (parse_opt(q, w, pos, cls, ttl, rdlen) != ParseResult::kOk) return ParseResult::kFormErr;
    }
    pos += rdlen;
  }
  if (pos != w.size()) return ParseResult::kFormErr;  // trailing bytes
  if (q.has_edns && q.edns_version > 0) return ParseResult::kBadVers;
  return ParseResult::kOk;
}

}  // namespace flipdns::query
