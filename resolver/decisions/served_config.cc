#include "resolver/decisions/served_config.h"

#include <algorithm>

#include "resolver/decisions/config_version.h"
#include "resolver/dns/name.h"
#include "resolver/query/answer_compiler.h"
#include "resolver/zone/master_file.h"
#include "zones/config_dir.h"
#include "zones/static_zone.h"
#include "zones/validator.h"

namespace flipdns::decisions {

const PoolSpec* GroupSpec::pool(const std::string& n) const {
  for (const auto& p : pools)
    if (p.name == n) return &p;
  return nullptr;
}

const GroupSpec* ServedConfig::group(const std::string& n) const {
  for (const auto& g : groups)
    if (g.name == n) return &g;
  return nullptr;
}

namespace {

void add_yaml_zones(const std::filesystem::path& dir, ServedConfig& out) {
  // The zones are built below; the validator need not build them first.
  zones::LoadResult loaded = zones::load_config_dir(dir, /*build=*/false);
  if (!loaded.ok()) {
    std::string all;
    for (const auto& e : loaded.errors) all += e.to_string() + "\n";
    all.pop_back();
    throw ConfigLoadError(all);
  }
  out.commit = loaded.config.commit;
  uint32_t version = config_version(dir);
  for (zones::ZoneConfig& zc : loaded.config.zones) {
    try {
      // Frees each record as the builder takes it: a large zone is not held twice.
      zone::ZoneBuilder b = zones::take_static_zone_builder(zc);
      std::size_t zone_index = out.zones.size();
      uint32_t index = 0;
      for (const zones::Group& g : zc.groups) {
        b.add_group(g.owner.value, g.at.file, g.at.line);
        GroupSpec spec;
        spec.name = g.name;
        spec.zone = zone_index;
        spec.index = index++;
        spec.ttl = static_cast<uint32_t>(g.ttl.value);
        for (const zones::Pool& p : g.pools) {
          PoolSpec ps;
          ps.name = p.name.value;
          for (const zones::Member& m : p.members) {
            ps.members.push_back(m.address.to_string());
            ps.rdata.emplace_back(m.address.bytes());
          }
          spec.pools.push_back(std::move(ps));
        }
        out.groups.push_back(std::move(spec));
      }
      out.zones.push_back(query::compile_zone(b.build()));
      uint32_t configured = static_cast<uint32_t>(zc.soa.serial.value);
      out.base_serials.push_back(std::max(configured, version));
    } catch (const zone::ZoneError& e) {
      throw ConfigLoadError(zones::build_error(zc, e).to_string());
    }
  }
}

}  // namespace

std::shared_ptr<const ServedConfig> load_served_config(
    const std::optional<std::filesystem::path>& zones_dir,
    const std::vector<query::ZoneFileSpec>& zone_files) {
  auto out = std::make_shared<ServedConfig>();
  if (zones_dir) add_yaml_zones(*zones_dir, *out);
  for (const auto& spec : zone_files) {
    try {
      auto z = query::compile_zone(zone::read_master_file(spec.origin, spec.path));
      out->base_serials.push_back(z->serial());
      out->zones.push_back(std::move(z));
    } catch (const zone::ZoneError& e) {
      throw ConfigLoadError(e.what());
    }
  }
  for (std::size_t i = 0; i < out->zones.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (out->zones[i]->origin() == out->zones[j]->origin())
        throw ConfigLoadError(out->zones[i]->source() + ": zone " +
                              dns::to_text(out->zones[i]->origin()) + " is also loaded from " +
                              out->zones[j]->source());
  return out;
}

}  // namespace flipdns::decisions
