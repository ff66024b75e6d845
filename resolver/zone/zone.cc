#include "resolver/zone/zone.h"

#include <algorithm>

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

bool AnswerTable::same(uint32_t x, uint32_t y) const {
  const Answer &a = answers[x], &b = answers[y];
  return a.wire_len == b.wire_len && a.rcode == b.rcode && a.flags == b.flags &&
         a.qname_len == b.qname_len && a.ancount == b.ancount && a.nscount == b.nscount &&
         a.arcount == b.arcount && a.serial_off == b.serial_off &&
         std::equal(wire_of(a), wire_of(a) + a.wire_len, wire_of(b));
}

void AnswerTables::set_entries(uint32_t node, std::span<const AnswerEntry> entries,
                               uint32_t default_answer) {
  Node& n = z_.nodes_[node];
  n.entry_off = static_cast<uint32_t>(z_.entries_.size());
  n.entry_count = static_cast<uint16_t>(entries.size());
  n.default_answer = default_answer;
  z_.entries_.insert(z_.entries_.end(), entries.begin(), entries.end());
}

}  // namespace flipdns::zone
