// Loading a server's zones: read, check, compile, then hand over one ZoneSet.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "resolver/zone/zone_error.h"
#include "resolver/zone/zone_set.h"

namespace flipdns::query {

struct ZoneFileSpec {
  std::string origin;  // presentation format, e.g. "example.com."
  std::string path;
};

// Loads every zone or none: throws zone::ZoneError (file, line, reason) on the
// first problem, including the same origin given twice.
std::shared_ptr<const zone::ZoneSet> load_zone_set(const std::vector<ZoneFileSpec>& specs);

}  // namespace flipdns::query
