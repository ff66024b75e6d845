// A strict, independent walk over a DNS message, used by the fuzz targets to judge
// what handle_query returns without trusting any code under test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace flipdns::fuzz {

struct MessageShape {
  uint16_t id = 0;
  uint16_t flags = 0;
  uint16_t qdcount = 0, ancount = 0, nscount = 0, arcount = 0;
  std::size_t question_end = 0;   // offset just past the question section
  uint16_t qtype = 0;             // of the first question, 0 when there is none
  int opt_in_additional = 0;      // OPT RRs in the additional section
  int opt_elsewhere = 0;          // OPT RRs in any other section (never legal)
  uint16_t opt_udp_size = 0;      // CLASS of the last OPT seen in additional
  bool opt_owner_is_root = true;  // every OPT had the root as owner
  bool question_uses_pointer = false;
};

// Walks header, questions and every RR the header counts announce. Returns nullopt
// unless the counts match the content exactly: each name well formed (labels < 64,
// at most 255 octets, compression pointers pointing strictly backwards past the
// header), each RR's RDATA inside the message, and no octet left over at the end.
std::optional<MessageShape> walk_message(std::span<const uint8_t> msg);

// Copies the first question's name (decompressed, letter case kept) into `out`;
// returns its length or 0 when there is no well-formed question.
std::size_t first_question_name(std::span<const uint8_t> msg, std::span<uint8_t, 255> out);

}  // namespace flipdns::fuzz
