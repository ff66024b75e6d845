// What changes when a failover group flips: the addresses each group serves,
// the answers compiled from them (one per Recipe of the zone) and the zone's SOA
// serial. Small by construction: rebuilding it costs the group's names only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "resolver/zone/answer_table.h"
#include "resolver/zone/zone.h"

namespace flipdns::zone {

// The addresses one group serves now, as A and AAAA rdata.
struct GroupAddresses {
  uint32_t ttl = 30;
  std::vector<std::string> v4;  // 4 octets each
  std::vector<std::string> v6;  // 16 octets each
};

// The group addresses as RRsets, the form the lookup reads.
class GroupRRsets {
 public:
  GroupRRsets() = default;
  explicit GroupRRsets(const std::vector<GroupAddresses>& groups);
  // nullptr when the group serves no address of that family.
  const RRset* rrset(uint32_t group, uint16_t type) const;
  std::string_view arena() const { return arena_; }

 private:
  std::vector<RRset> sets_;  // [2*group] = A, [2*group+1] = AAAA
  std::string arena_;
};

struct Overlay {
  uint32_t serial = 0;
  AnswerTable table;  // table.answers[i] answers the zone's recipes()[i]
};

}  // namespace flipdns::zone
