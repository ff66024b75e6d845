#include "resolver/zone/zone_set.h"

#include <array>

#include "resolver/dns/name.h"

namespace flipdns::zone {

ZoneSet::ZoneSet(std::vector<ServedZone> zones) : zones_(std::move(zones)) {
  std::size_t n = 8;
  while (n < zones_.size() * 2) n <<= 1;
  slots_.assign(n, -1);
  mask_ = n - 1;
  for (std::size_t i = 0; i < zones_.size(); ++i) {
    std::size_t s = hash_name(zones_[i].zone->origin()) & mask_;
    while (slots_[s] != -1) s = (s + 1) & mask_;
    slots_[s] = static_cast<int32_t>(i);
    min_labels_ = std::min(min_labels_, zones_[i].zone->origin_labels());
    max_labels_ = std::max(max_labels_, zones_[i].zone->origin_labels());
  }
}

const ServedZone* ZoneSet::find(std::string_view name, bool skip_apex) const {
  if (zones_.empty()) return nullptr;
  // Label start offsets, so each candidate suffix is one slice.
  std::array<uint8_t, 128> starts;
  int labels = 0;
  for (std::size_t i = 0; i < name.size() && name[i] != 0 && labels < 128;
       i += 1 + static_cast<uint8_t>(name[i]))
    starts[labels++] = static_cast<uint8_t>(i);
  int first = labels - std::min<int>(labels, max_labels_);  // suffix with max_labels_ labels
  if (skip_apex && first == 0) first = 1;
  for (int k = first; labels - k >= min_labels_; ++k) {
    std::string_view suffix = k < labels ? name.substr(starts[k]) : name.substr(name.size() - 1);
    for (std::size_t s = hash_name(suffix) & mask_; slots_[s] != -1; s = (s + 1) & mask_) {
      const ServedZone& z = zones_[slots_[s]];
      if (z.zone->origin() == suffix) return &z;
    }
  }
  return nullptr;
}

}  // namespace flipdns::zone
