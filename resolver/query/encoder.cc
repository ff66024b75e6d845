#include "resolver/query/encoder.h"

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"

namespace flipdns::query {
namespace {

// Highest offset we let a pointer aim at: the question name may grow by up to
// 255 octets when the body is reused, and pointers hold 14 bits.
constexpr std::size_t kMaxTarget = 0x3FFF - dns::kMaxNameLen;
constexpr uint16_t kQnamePointer = dns::kHeaderSize;

}  // namespace

void Encoder::add_known(std::string_view wire, std::size_t stop, std::size_t at) {
  // One lower-case copy of the name; every suffix is a view into it.
  auto base = static_cast<uint32_t>(lower_.size());
  for (char c : wire) lower_.push_back(static_cast<char>(dns::to_lower(static_cast<uint8_t>(c))));
  for (std::string_view s = wire; s.size() > stop; s = dns::parent_of(s)) {
    std::size_t skip = wire.size() - s.size();
    std::size_t off = at + skip;
    if (off > kMaxTarget) return;
    known_.push_back({base + static_cast<uint32_t>(skip), static_cast<uint8_t>(s.size()),
                      static_cast<uint16_t>(off)});
  }
}

void Encoder::pointer(uint16_t target, bool moves) {
  if (moves) out_.relocs.push_back(static_cast<uint16_t>(out_.wire.size()));
  out_.wire.push_back(static_cast<uint8_t>(0xC0 | (target >> 8)));
  out_.wire.push_back(static_cast<uint8_t>(target & 0xFF));
}

void Encoder::remember(std::string_view wire, std::size_t body_pos, std::size_t stop) {
  // Only the labels written out in full are new targets; the rest was known.
  add_known(wire, stop, offset_of(body_pos));
}

void Encoder::name(std::string_view wire, bool compress) {
  std::size_t start = out_.wire.size();
  if (compress && !question_suffix_.empty()) {
    add_known(question_suffix_, 1, question_at_);
    question_suffix_ = {};
  }
  if (compress) {
    scratch_.assign(wire);
    dns::lower_in_place(scratch_);
    std::string_view l = scratch_;
    for (std::string_view s = l; s.size() > 1; s = dns::parent_of(s)) {
      for (const Known& k : known_) {
        if (lower(k) != s) continue;
        std::size_t prefix = l.size() - s.size();
        out_.wire.insert(out_.wire.end(), wire.begin(), wire.begin() + prefix);
        pointer(k.offset, true);
        remember(wire, start, s.size());
        return;
      }
    }
  }
  out_.wire.insert(out_.wire.end(), wire.begin(), wire.end());
  if (compress) remember(wire, start, 1);
}

void Encoder::rrset(const RRsetRef& r, uint16_t& count) {
  uint16_t type = r.set->type;
  zone::for_each_rdata(r.arena, *r.set, [&](std::string_view rd) {
    // The whole question name sits at offset 12 whatever its length; every other
    // target (a suffix of the question, or a name in the body) moves with it.
    if (r.owner_is_qname)
      pointer(kQnamePointer, false);
    else
      name(r.owner, true);
    uint8_t fixed[8];
    dns::put16(fixed, type);
    dns::put16(fixed + 2, dns::cls::IN);
    dns::put32(fixed + 4, r.ttl);
    out_.wire.insert(out_.wire.end(), fixed, fixed + 8);
    std::size_t rdlen_at = out_.wire.size();
    out_.wire.resize(rdlen_at + 2);
    // Only the RFC 1035 types may have names compressed (RFC 3597 4).
    switch (type) {
      case dns::type::NS:
      case dns::type::CNAME:
      case dns::type::PTR:
        name(rd, true);
        break;
      case dns::type::MX:
        out_.wire.insert(out_.wire.end(), rd.begin(), rd.begin() + 2);
        name(rd.substr(2), true);
        break;
      case dns::type::SOA: {
        std::string_view rest = rd;
        for (int i = 0; i < 2; ++i) {
          std::size_t len = 0;
          while (rest[len] != 0) len += 1 + static_cast<uint8_t>(rest[len]);
          name(rest.substr(0, len + 1), true);
          rest = rest.substr(len + 1);
        }
        out_.serial_off = static_cast<uint16_t>(out_.wire.size());
        out_.wire.insert(out_.wire.end(), rest.begin(), rest.end());
        break;
      }
      default:
        out_.wire.insert(out_.wire.end(), rd.begin(), rd.end());
    }
    dns::put16(out_.wire.data() + rdlen_at, static_cast<uint16_t>(out_.wire.size() - rdlen_at - 2));
    ++count;
  });
}

const EncodedBody& Encoder::encode(const Sections& s, std::string_view known_suffix,
                                   std::size_t qname_len) {
  base_ = dns::kHeaderSize + qname_len + 4;
  known_.clear();
  lower_.clear();
  out_.wire.clear();
  out_.relocs.clear();
  out_.ancount = out_.nscount = out_.arcount = 0;
  out_.serial_off = 0;
  // Every non-root suffix of the part of the question name we know.
  // The question's names become targets when a name is first compressed: most
  // answers (an owner that is the question, then addresses) compress none.
  question_suffix_ = known_suffix;
  question_at_ = dns::kHeaderSize + qname_len - known_suffix.size();
  for (const auto& r : s.answer) rrset(r, out_.ancount);
  for (const auto& r : s.authority) rrset(r, out_.nscount);
  out_.no_additional_len = static_cast<uint16_t>(out_.wire.size());
  for (const auto& r : s.additional) rrset(r, out_.arcount);
  return out_;
}

}  // namespace flipdns::query
