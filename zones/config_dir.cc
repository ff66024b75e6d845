#include "zones/config_dir.h"

#include <algorithm>

#include "zones/git_commit.h"
#include "zones/validator.h"
#include "zones/yaml_loader.h"

namespace flipdns::zones {

std::size_t ConfigSet::group_count() const {
  std::size_t n = 0;
  for (const ZoneConfig& z : zones) n += z.groups.size();
  return n;
}

LoadResult load_config_dir(const std::filesystem::path& dir, bool build) {
  namespace fs = std::filesystem;
  LoadResult result;
  result.config.dir = dir;
  std::string label = dir.string();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    add_error(result.errors, Location{label, 0, 0}, "not a directory");
    return result;
  }
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.starts_with(".") || !name.ends_with(".yaml")) continue;
    if (!it->is_regular_file(ec)) continue;
    names.push_back(name);
  }
  if (ec) {
    add_error(result.errors, Location{label, 0, 0}, "cannot list the directory: " + ec.message());
    return result;
  }
  std::sort(names.begin(), names.end());
  if (names.empty())
    add_error(result.errors, Location{label, 0, 0}, "no zone files (*.yaml) in the directory");
  for (const std::string& name : names) {
    fs::path path = dir / name;
    ZoneConfig z = load_zone_file(path, result.errors, path.string());
    validate_zone(z, result.errors, build);
    result.config.zones.push_back(std::move(z));
  }
  validate_zone_set(result.config.zones, result.errors);
  sort_errors(result.errors);
  result.config.commit = git_commit(dir);
  return result;
}

ConfigSet load_config_dir_or_throw(const std::filesystem::path& dir) {
  LoadResult r = load_config_dir(dir);
  if (!r.ok()) throw ConfigException(std::move(r.errors));
  return std::move(r.config);
}

}  // namespace flipdns::zones
