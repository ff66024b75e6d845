#include "resolver/server/config_file.h"

#include <yaml-cpp/yaml.h>

#include <fstream>

#include "resolver/server/options.h"

namespace flipdns::server {
namespace {

std::string position(const std::string& file, const YAML::Mark& mark) {
  return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

}  // namespace

std::vector<ConfigSetting> read_config_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UsageError(path + ": cannot read the config file");
  YAML::Node root;
  try {
    root = YAML::Load(in);
  } catch (const YAML::Exception& e) {
    throw UsageError(position(path, e.mark) + ": " + e.msg);
  }
  if (root.IsNull()) return {};
  if (!root.IsMap()) throw UsageError(position(path, root.Mark()) + ": expected a map of settings");

  std::vector<ConfigSetting> out;
  // yaml-cpp's iterators hand out temporaries: keep Nodes (cheap handles) by value,
  // never by reference into them.
  for (const auto& entry : root) {
    YAML::Node key = entry.first;
    YAML::Node value = entry.second;
    if (!key.IsScalar()) throw UsageError(position(path, key.Mark()) + ": keys must be names");
    ConfigSetting s{key.Scalar(), {}, position(path, value.Mark())};
    auto scalar = [&](const YAML::Node& n) {
      if (!n.IsScalar())
        throw UsageError(position(path, n.Mark()) + ": " + s.key + ": expected a single value");
      return n.Scalar();
    };
    if (value.IsSequence()) {
      for (YAML::Node item : value) s.values.push_back(scalar(item));
    } else if (value.IsMap() && s.key == "zone-file") {
      for (const auto& zone : value)
        s.values.push_back(scalar(zone.first) + "=" + scalar(zone.second));
    } else if (value.IsNull()) {
      throw UsageError(s.where + ": " + s.key + ": missing value");
    } else {
      s.values.push_back(scalar(value));
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace flipdns::server
