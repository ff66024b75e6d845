// Reads one zone file (zones/README.md) into the model. This is the shape half of
// checking: YAML syntax, unknown, repeated and missing keys, and values that do
// not read as what their key needs (numbers, durations, names, addresses, record
// data through ldns). Ranges and how values relate to each other are the
// validator's (validator.h). Every problem goes to `errors`; whatever could be
// read is returned so the validator can report its problems too.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "zones/config_error.h"
#include "zones/zone_config.h"

namespace flipdns::zones {

// `label` is how the file is named in errors; `dir` is where `include:` paths start.
ZoneConfig parse_zone_yaml(std::string_view text, const std::string& label,
                           const std::filesystem::path& dir, ConfigErrors& errors);

// Reads `path`; errors name it as `label` (default: `path` as given).
ZoneConfig load_zone_file(const std::filesystem::path& path, ConfigErrors& errors,
                          const std::string& label = {});

}  // namespace flipdns::zones
