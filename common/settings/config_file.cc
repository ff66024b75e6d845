#include "common/settings/config_file.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>

#include "common/settings/source.h"

namespace flipdns::settings {
namespace {

std::string position(const std::string& file, const YAML::Mark& mark) {
  return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

// Fills e.values from a list's items or a map's pairs; on the first node that
// is not a scalar, sets e.value_error instead.
void read_items(const std::string& file, const YAML::Node& value, const ConfigRules& rules,
                ConfigEntry& e) {
  auto scalar = [&](const YAML::Node& n) {
    if (n.IsScalar()) return true;
    e.value_error = position(file, n.Mark()) + ": " +
                    (rules.item_errors_name_the_key ? e.key + ": " : "") +
                    std::string(rules.not_a_value);
    return false;
  };
  e.list = true;
  // yaml-cpp's iterators hand out temporaries: keep Nodes (cheap handles) by
  // value, never by reference into them.
  if (value.IsSequence()) {
    for (YAML::Node item : value) {
      if (!scalar(item)) return;
      e.values.push_back(item.Scalar());
    }
    return;
  }
  for (const auto& pair : value) {
    YAML::Node k = pair.first;
    YAML::Node v = pair.second;
    if (!scalar(k) || !scalar(v)) return;
    e.values.push_back(k.Scalar() + "=" + v.Scalar());
  }
}

ConfigEntry read_entry(const std::string& file, const YAML::Node& key, const YAML::Node& value,
                       const ConfigRules& rules) {
  ConfigEntry e;
  e.where = position(file, value.Mark());
  e.key_where = position(file, key.Mark());
  if (!key.IsScalar()) {
    e.key_error = e.key_where + ": keys must be names";
    return e;
  }
  e.key = key.Scalar();
  const bool map_key =
      std::find(rules.map_keys.begin(), rules.map_keys.end(), e.key) != rules.map_keys.end();
  if (value.IsSequence() || (value.IsMap() && map_key))
    read_items(file, value, rules, e);
  else if (value.IsScalar())
    e.values.push_back(value.Scalar());
  else if (value.IsNull())
    e.value_error = e.where + ": " + e.key + ": " + std::string(rules.no_value);
  else
    e.value_error = e.where + ": " + e.key + ": " + std::string(rules.not_a_value);
  return e;
}

}  // namespace

std::vector<ConfigEntry> read_config_file(const std::string& path, const ConfigRules& rules) {
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

  std::vector<ConfigEntry> out;
  for (const auto& entry : root) {
    out.push_back(read_entry(path, entry.first, entry.second, rules));
    const ConfigEntry& e = out.back();
    if (rules.shape_first && !e.key_error.empty()) throw UsageError(e.key_error);
    if (rules.shape_first && !e.value_error.empty()) throw UsageError(e.value_error);
  }
  return out;
}

}  // namespace flipdns::settings
