// Stage "collect": for a located name and a qtype, the response's rcode, AA and
// the RRsets of each section (STYLE 3: collect, then encode). Runs only when
// answers are compiled, never per query.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "resolver/query/locate.h"
#include "resolver/zone/zone.h"

namespace flipdns::query {

struct RRsetRef {
  bool owner_is_qname = false;  // written as the question name (wildcards, the first owner)
  std::string owner;            // wire, when not the question name
  const zone::RRset* set = nullptr;
  uint32_t ttl = 0;
};

struct Sections {
  uint8_t rcode = 0;
  bool authoritative = true;
  bool needs_additional = false;  // referral glue that must not be dropped (RFC 9471)
  std::vector<RRsetRef> answer, authority, additional;
};

// CNAMEs are followed inside the zone (never out of it), up to a bounded chain.
Sections collect(const zone::Zone& zone, Match match, uint16_t qtype);

// The negative answer (NODATA or NXDOMAIN): the apex SOA with the TTL RFC 2308 3
// asks for, min(SOA TTL, SOA MINIMUM).
Sections negative(const zone::Zone& zone, uint8_t rcode);

}  // namespace flipdns::query
