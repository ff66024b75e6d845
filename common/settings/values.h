// Reading the values every program has: paths, counts, durations, booleans.
// Each throws UsageError through bad(), so a flag and a config key give the same
// reason with their own prefix. Program-specific values (endpoints, URLs, zone
// file specs) live beside that program's table of settings, in the same shape:
// T read(const Source&, std::string_view value).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/settings/source.h"

namespace flipdns::settings {

// A non-empty path; a relative one in the config file is taken from the file's
// directory.
std::string path_value(const Source& src, std::string_view value);

// A whole number from 1 to `max`.
unsigned count_value(const Source& src, std::string_view value, unsigned max);
template <unsigned max>
unsigned count_up_to(const Source& src, std::string_view value) {
  return count_value(src, value, max);
}

// A duration greater than zero ("500ms", "10s", "1m30s").
std::chrono::milliseconds duration_value(const Source& src, std::string_view value);

// true/yes/on/1 or false/no/off/0: YAML 1.1 spellings people write in config files.
bool bool_value(const Source& src, std::string_view value);

}  // namespace flipdns::settings
