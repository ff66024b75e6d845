// The immutable set of zones a server answers from. Built whole, validated, then
// published; queries never see a partly built set.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "resolver/zone/zone.h"

namespace flipdns::zone {

class ZoneSet {
 public:
  explicit ZoneSet(std::vector<std::shared_ptr<const Zone>> zones);

  // The zone whose origin is the longest suffix of `lower_name` (lower-case wire
  // format), or nullptr. `skip_apex` asks for the parent side of a zone cut: a zone
  // whose origin equals the name is passed over (DS queries, RFC 4035 3.1.4.1).
  const Zone* find(std::string_view lower_name, bool skip_apex = false) const;

  const std::vector<std::shared_ptr<const Zone>>& zones() const { return zones_; }

 private:
  std::vector<std::shared_ptr<const Zone>> zones_;
  // Open-addressed index from origin to zone; sized to stay at most half full.
  std::vector<int32_t> slots_;
  std::size_t mask_ = 0;
  uint8_t min_labels_ = 255, max_labels_ = 0;
};

}  // namespace flipdns::zone
