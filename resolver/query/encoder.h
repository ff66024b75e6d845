// Stage "encode": writes collected sections as wire bytes with name compression
// (RFC 1035 4.1.4). Output is a response body that follows a question whose
// name is `qname_len` octets and ends in `known_suffix`; pointers whose target
// moves with the question's length are listed as relocations so the body can be
// reused for other names of other lengths (wildcards, negative answers).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "resolver/query/sections.h"
#include "resolver/zone/zone.h"

namespace flipdns::query {

struct EncodedBody {
  std::vector<uint8_t> wire;
  std::vector<uint16_t> relocs;  // offsets in `wire` of pointers to shift
  uint16_t ancount = 0, nscount = 0, arcount = 0;
  uint16_t no_additional_len = 0;
  uint16_t serial_off = 0;  // where the SOA serial was written, 0 if nowhere
};

// One Encoder is reused over all of a zone's answers: compiling a million-name
// zone encodes millions of bodies, and fresh buffers for each were a tenth of the
// load time.
class Encoder {
 public:
  // The body stays valid until the next call.
  const EncodedBody& encode(const Sections& s, std::string_view known_suffix,
                            std::size_t qname_len);

 private:
  struct Known {
    uint32_t at;  // a name already in the message, lower-cased, in lower_
    uint8_t len;
    uint16_t offset;  // where it starts, counting from the message start
  };
  std::string_view lower(const Known& k) const { return {lower_.data() + k.at, k.len}; }
  // Makes the suffixes of `wire` longer than `stop` octets compression targets;
  // `wire` itself is at message offset `at`.
  void add_known(std::string_view wire, std::size_t stop, std::size_t at);
  void rrset(const RRsetRef& r, uint16_t& count);
  void name(std::string_view wire, bool compress);
  void pointer(uint16_t target, bool moves);
  void remember(std::string_view wire, std::size_t body_pos, std::size_t stop);
  std::size_t offset_of(std::size_t body_pos) const { return base_ + body_pos; }

  std::size_t base_ = 0;              // message offset of the body's first byte
  std::string_view question_suffix_;  // not yet in known_
  std::size_t question_at_ = 0;
  std::vector<Known> known_;
  // The known names' lower-case copies, back to back: one buffer instead of a
  // string each (compiling a million-name zone's answers made millions of them).
  std::string lower_;
  std::string scratch_;  // name()'s lower-cased argument
  EncodedBody out_;
};

}  // namespace flipdns::query
