// RFC 1035 master files, read with ldns ($ORIGIN, $TTL, $INCLUDE, RFC 3597 types).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "resolver/zone/zone.h"
#include "resolver/zone/zone_error.h"

namespace flipdns::zone {

// Reads `path` as the zone `origin` (text, trailing dot optional) and returns the
// checked, not yet compiled zone (query::compile_zone compiles it). Throws
// ZoneError with file and line on any problem.
std::unique_ptr<Zone> read_master_file(std::string_view origin, const std::string& path);

// A master file's whole text, read in one go into a string of its size (a 50 MB
// zone through a stream was copied twice more); nullopt if it cannot be read.
// The YAML loader's include files are read with it too.
std::optional<std::string> read_master_text(const std::string& path);

}  // namespace flipdns::zone
