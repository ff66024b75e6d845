#include "resolver/query/zone_loader.h"

#include "resolver/dns/name.h"
#include "resolver/query/answer_compiler.h"
#include "resolver/zone/master_file.h"

namespace flipdns::query {

std::shared_ptr<const zone::ZoneSet> load_zone_set(const std::vector<ZoneFileSpec>& specs) {
  std::vector<zone::ServedZone> zones;
  for (const auto& spec : specs) {
    auto z = compile_zone(zone::read_master_file(spec.origin, spec.path));
    for (const auto& other : zones)
      if (other.zone->origin() == z->origin())
        throw zone::ZoneError(
            spec.path, 0,
            "zone " + dns::to_text(z->origin()) + " is also loaded from " + other.zone->source());
    // Master-file zones have no groups: the overlay only carries their own serial.
    auto overlay = build_overlay(*z, zone::GroupRRsets(), z->serial());
    zones.push_back({std::move(z), std::move(overlay)});
  }
  return std::make_shared<const zone::ZoneSet>(std::move(zones));
}

}  // namespace flipdns::query
