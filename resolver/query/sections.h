// Stage "collect": for a located name and a qtype, the response's rcode, AA and
// the RRsets of each section (STYLE 3: collect, then encode). Runs only when
// answers are compiled (at load, and for a flip on the group's names), never
// per query.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "resolver/query/locate.h"
#include "resolver/zone/overlay.h"
#include "resolver/zone/zone.h"

namespace flipdns::query {

struct RRsetRef {
  bool owner_is_qname = false;  // written as the question name (wildcards, the first owner)
  std::string owner;            // wire, when not the question name
  const zone::RRset* set = nullptr;
  std::string_view arena;  // where the set's rdata lives
  uint32_t ttl = 0;
};

struct Sections {
  uint8_t rcode = 0;
  bool authoritative = true;
  bool needs_additional = false;   // referral glue that must not be dropped (RFC 9471)
  bool depends_on_groups = false;  // read a failover group's addresses
  std::vector<RRsetRef> answer, authority, additional;
};

// CNAMEs are followed inside the zone (never out of it), up to a bounded chain.
// `groups` gives the failover groups' current addresses; without it, a result
// that would read them only reports depends_on_groups.
Sections collect(const zone::Zone& zone, Match match, uint16_t qtype,
                 const zone::GroupRRsets* groups = nullptr);

// The negative answer (NODATA or NXDOMAIN): the apex SOA with the TTL RFC 2308 3
// asks for, min(SOA TTL, SOA MINIMUM).
Sections negative(const zone::Zone& zone, uint8_t rcode);

}  // namespace flipdns::query
