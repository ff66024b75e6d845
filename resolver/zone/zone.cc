#include "resolver/zone/zone.h"

#include "resolver/dns/wire.h"

namespace flipdns::zone {

uint32_t Zone::serial() const {
  const RRset* soa = rrset(nodes_[0], dns::type::SOA);
  if (!soa) return 0;
  uint32_t serial = 0;
  for_each_rdata(*soa, [&](std::string_view rd) {
    // MNAME and RNAME are stored uncompressed: skip two names, then the serial.
    std::size_t i = 0;
    for (int names = 0; names < 2 && i < rd.size(); ++names) {
      while (i < rd.size() && rd[i] != 0) i += 1 + static_cast<uint8_t>(rd[i]);
      ++i;
    }
    if (i + 4 <= rd.size()) serial = dns::get32(reinterpret_cast<const uint8_t*>(rd.data() + i));
  });
  return serial;
}

uint32_t AnswerTables::add(Answer a, std::span<const uint8_t> wire,
                           std::span<const uint16_t> relocs) {
  a.wire_off = static_cast<uint32_t>(z_.wire_.size());
  a.wire_len = static_cast<uint16_t>(wire.size());
  a.reloc_off = static_cast<uint32_t>(z_.relocs_.size());
  a.reloc_count = static_cast<uint16_t>(relocs.size());
  z_.wire_.insert(z_.wire_.end(), wire.begin(), wire.end());
  z_.relocs_.insert(z_.relocs_.end(), relocs.begin(), relocs.end());
  z_.answers_.push_back(a);
  return static_cast<uint32_t>(z_.answers_.size() - 1);
}

void AnswerTables::set_entries(uint32_t node, std::span<const AnswerEntry> entries,
                               uint32_t default_answer) {
  Node& n = z_.nodes_[node];
  n.entry_off = static_cast<uint32_t>(z_.entries_.size());
  n.entry_count = static_cast<uint16_t>(entries.size());
  n.default_answer = default_answer;
  z_.entries_.insert(z_.entries_.end(), entries.begin(), entries.end());
}

void AnswerTables::reserve(std::size_t answers, std::size_t wire_bytes) {
  z_.answers_.reserve(answers);
  z_.wire_.reserve(wire_bytes);
}

}  // namespace flipdns::zone
