#include "resolver/query/locate.h"

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"

namespace flipdns::query {

Match locate(const zone::Zone& zone, std::string_view name, uint16_t qtype) noexcept {
  uint32_t n = zone.find(name);
  if (n != zone::kNone) {
    const zone::Node& node = zone.node(n);
    if (node.cut == zone::kNone || (node.cut == n && qtype == dns::type::DS))
      return {MatchKind::kExact, n};
    return {MatchKind::kReferral, node.cut};
  }
  // Closest encloser: the longest existing ancestor. Empty non-terminals are
  // nodes too, so they stop the walk and block wildcards as RFC 4592 requires.
  std::string_view origin = zone.origin();
  for (std::string_view p = dns::parent_of(name); p.size() >= origin.size();
       p = dns::parent_of(p)) {
    uint32_t e = zone.find(p);
    if (e == zone::kNone) continue;
    const zone::Node& enc = zone.node(e);
    if (enc.cut != zone::kNone) return {MatchKind::kReferral, enc.cut};
    if (enc.wildcard != zone::kNone) return {MatchKind::kWildcard, enc.wildcard};
    return {MatchKind::kNxDomain, e};
  }
  return {MatchKind::kNxDomain, zone.apex()};  // unreachable: the apex always exists
}

}  // namespace flipdns::query
