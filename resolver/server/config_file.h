// Reads the YAML file of --config into key/value settings. The keys are the flag
// names without "--"; what they mean is options.cc's business, so both sources go
// through the same checks.
#pragma once

#include <string>
#include <vector>

namespace flipdns::server {

struct ConfigSetting {
  std::string key;
  std::vector<std::string> values;  // one for a scalar, several for a list
  std::string where;                // "file:line:column", for error messages
};

// Throws UsageError for unreadable files, YAML syntax errors and values that are
// not scalars or lists of scalars. A map is accepted for "zone-file" only
// ({origin: path}), and comes back as "origin=path" values.
std::vector<ConfigSetting> read_config_file(const std::string& path);

}  // namespace flipdns::server
