// Stage 3: where in a zone a name lands (RFC 1034 4.3.2 step 3, RFC 4592).
// Shared by the hot path, which then copies the node's compiled answer, and by
// the answer compiler, which follows CNAMEs with it.
#pragma once

#include <cstdint>
#include <string_view>

#include "resolver/zone/zone.h"

namespace flipdns::query {

enum class MatchKind : uint8_t {
  kExact,     // the name exists (possibly an empty non-terminal)
  kWildcard,  // synthesized from node `node`, the "*" child of the closest encloser
  kReferral,  // at or below the zone cut `node`
  kNxDomain,  // no such name; `node` is the closest encloser
};

struct Match {
  MatchKind kind;
  uint32_t node;
};

// `name` is lower-case wire format at or below the zone's origin. `qtype` matters
// for one case: DS at a cut is answered by the parent side (RFC 4035 3.1.4.1).
Match locate(const zone::Zone& zone, std::string_view name, uint16_t qtype) noexcept;

}  // namespace flipdns::query
