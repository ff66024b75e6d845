// The immutable set of zones a server answers from. Built whole, validated, then
// published; queries never see a partly built set.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "resolver/zone/overlay.h"
#include "resolver/zone/zone.h"

namespace flipdns::zone {

// A zone as served: its static data and compiled answers (shared by every
// snapshot until the zone reloads) with the overlay of the decisions now in force.
struct ServedZone {
  std::shared_ptr<const Zone> zone;
  std::shared_ptr<const Overlay> overlay;
};

class ZoneSet {
 public:
  explicit ZoneSet(std::vector<ServedZone> zones);

  // The zone whose origin is the longest suffix of `lower_name` (lower-case wire
  // format), or nullptr. `skip_apex` asks for the parent side of a zone cut: a zone
  // whose origin equals the name is passed over (DS queries, RFC 4035 3.1.4.1).
  const ServedZone* find(std::string_view lower_name, bool skip_apex = false) const;

  const std::vector<ServedZone>& zones() const { return zones_; }

 private:
  std::vector<ServedZone> zones_;
  // Open-addressed index from origin to zone; sized to stay at most half full.
  std::vector<int32_t> slots_;
  std::size_t mask_ = 0;
  uint8_t min_labels_ = 255, max_labels_ = 0;
};

}  // namespace flipdns::zone
