// flipdns-auth's --config file: the shared reader (common/settings/config_file.h)
// with the rules flipdns-auth has always read it by. The keys are the flag names
// without "--"; what they mean is options.cc's business, so both sources go
// through the same checks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/settings/config_file.h"

namespace flipdns::server {

using ConfigSetting = settings::ConfigEntry;

inline constexpr std::string_view kConfigMapKeys[] = {"zone-file"};

// The whole file is checked for shape before any value is read; a map is
// accepted for "zone-file" only ({origin: path}), and comes back as
// "origin=path" values; errors about a key point at its value.
inline constexpr settings::ConfigRules kConfigRules{
    .map_keys = kConfigMapKeys,
    .shape_first = true,
    .key_errors_at_value = true,
    .one_item_list_is_a_value = true,
    .not_a_value = "expected a single value",
    .no_value = "missing value",
    .item_errors_name_the_key = true,
};

// Throws UsageError for unreadable files, YAML syntax errors and values that are
// not scalars or lists of scalars.
inline std::vector<ConfigSetting> read_config_file(const std::string& path) {
  return settings::read_config_file(path, kConfigRules);
}

}  // namespace flipdns::server
