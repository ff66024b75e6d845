// Compiled response bodies, packed: the static answers of a zone, and the small
// overlay of answers that change when a failover group flips.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace flipdns::zone {

// One compiled response body: the answer, authority and additional sections,
// ready to copy after the question. Pointers into the question or into the body
// were written for a question name of `qname_len` octets; `relocs` lists the
// pointers to move when the actual question name is longer (wildcard, referral
// and negative answers are shared by many names).
struct Answer {
  uint32_t wire_off = 0;
  uint16_t wire_len = 0;           // whole body
  uint16_t no_additional_len = 0;  // answer + authority only
  uint16_t ancount = 0, nscount = 0, arcount = 0;
  uint16_t reloc_count = 0;
  uint16_t serial_off = 0;  // where an SOA serial sits in the body, 0 if none
  uint32_t reloc_off = 0;
  uint8_t rcode = 0;
  uint8_t qname_len = 0;
  uint8_t flags = 0;  // kAnswerAuthoritative | kAnswerNeedsAdditional
};
inline constexpr uint8_t kAnswerAuthoritative = 1;
// The additional section holds glue a referral cannot go without (RFC 9471): when
// it does not fit, the response is truncated rather than sent without it.
inline constexpr uint8_t kAnswerNeedsAdditional = 2;

struct AnswerTable {
  std::vector<Answer> answers;
  std::vector<uint8_t> wire;
  std::vector<uint16_t> relocs;

  const Answer& at(uint32_t i) const { return answers[i]; }
  const uint8_t* wire_of(const Answer& a) const { return wire.data() + a.wire_off; }
  const uint16_t* relocs_of(const Answer& a) const { return relocs.data() + a.reloc_off; }

  uint32_t add(Answer a, std::span<const uint8_t> body, std::span<const uint16_t> body_relocs) {
    a.wire_off = static_cast<uint32_t>(wire.size());
    a.wire_len = static_cast<uint16_t>(body.size());
    a.reloc_off = static_cast<uint32_t>(relocs.size());
    a.reloc_count = static_cast<uint16_t>(body_relocs.size());
    wire.insert(wire.end(), body.begin(), body.end());
    relocs.insert(relocs.end(), body_relocs.begin(), body_relocs.end());
    answers.push_back(a);
    return static_cast<uint32_t>(answers.size() - 1);
  }
  bool same(uint32_t x, uint32_t y) const;
};

}  // namespace flipdns::zone
