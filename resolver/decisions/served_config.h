// One loaded configuration, as the server serves it: compiled zones (from YAML
// zones and master files) and the failover groups with their pools. Immutable;
// a reload builds a new one and swaps it in whole, or keeps the old one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "resolver/query/zone_loader.h"
#include "resolver/zone/zone.h"

namespace flipdns::decisions {

struct PoolSpec {
  std::string name;
  std::vector<std::string> members;  // canonical text, in config order
  std::vector<std::string> rdata;    // the same members as A (4 octets) or AAAA (16) rdata
};

struct GroupSpec {
  std::string name;      // "app.example.com."
  std::size_t zone = 0;  // index into ServedConfig::zones
  uint32_t index = 0;    // the group's number within its zone (ZoneBuilder::add_group order)
  uint32_t ttl = 30;
  std::vector<PoolSpec> pools;  // in priority order

  const PoolSpec* pool(const std::string& name) const;
};

struct ServedConfig {
  std::vector<std::shared_ptr<const zone::Zone>> zones;
  std::vector<uint32_t> base_serials;  // per zone; decisions' epochs are added to it
  std::vector<GroupSpec> groups;
  std::optional<std::string> commit;  // of the zones directory, when it is a git checkout

  const GroupSpec* group(const std::string& name) const;
};

// Thrown when a configuration cannot be served; what() holds every problem, one
// per line, each as file:line:column: reason.
class ConfigLoadError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Loads the YAML zones in `zones_dir` (if given) and the master files. All or
// nothing.
std::shared_ptr<const ServedConfig> load_served_config(
    const std::optional<std::filesystem::path>& zones_dir,
    const std::vector<query::ZoneFileSpec>& zone_files);

}  // namespace flipdns::decisions
