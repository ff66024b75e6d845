// A zones directory as the servers and `flipctl lint` see it: every *.yaml file
// in it (not in subfolders, hidden files left out), in name order, read,
// validated as one set, with the git commit it is checked out at.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "zones/config_error.h"
#include "zones/zone_config.h"

namespace flipdns::zones {

struct ConfigSet {
  std::filesystem::path dir;
  std::vector<ZoneConfig> zones;      // by file name
  std::optional<std::string> commit;  // see git_commit.h

  std::size_t group_count() const;
};

struct LoadResult {
  ConfigSet config;
  ConfigErrors errors;  // sorted by file, line, column; empty when the set is good

  bool ok() const { return errors.empty(); }
};

// Loads and validates everything; never throws for a bad configuration. Files
// are named in errors as `dir / name`, with `dir` as given.
// `build` false skips each zone's final trial build (validate_zone), for a caller
// that builds the zones itself and reports with build_error().
LoadResult load_config_dir(const std::filesystem::path& dir, bool build = true);

// The same, all or nothing: throws ConfigException listing every error.
ConfigSet load_config_dir_or_throw(const std::filesystem::path& dir);

}  // namespace flipdns::zones
