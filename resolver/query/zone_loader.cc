#include "resolver/query/zone_loader.h"

#include "resolver/dns/name.h"
#include "resolver/query/answer_compiler.h"
#include "resolver/zone/master_file.h"

namespace flipdns::query {

std::shared_ptr<const zone::ZoneSet> load_zone_set(const std::vector<ZoneFileSpec>& specs) {
  std::vector<std::shared_ptr<const zone::Zone>> zones;
  for (const auto& spec : specs) {
    auto z = compile_zone(zone::read_master_file(spec.origin, spec.path));
    for (const auto& other : zones)
      if (other->origin() == z->origin())
        throw zone::ZoneError(
            spec.path, 0,
            "zone " + dns::to_text(z->origin()) + " is also loaded from " + other->source());
    zones.push_back(std::move(z));
  }
  return std::make_shared<const zone::ZoneSet>(std::move(zones));
}

}  // namespace flipdns::query
