// The `include:` key: an RFC 1035 master file of more static records for the
// zone, read as a zone file is ($ORIGIN, $TTL, multi-line RRs, RFC 3597 types;
// resolver/zone/master_record_parser.h), but reporting every bad record, not
// only the first. It holds records only: the SOA and apex NS come from the YAML
// file, and $INCLUDE is refused so a zone's records are always in at most two
// files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "zones/config_error.h"
#include "zones/zone_config.h"

namespace flipdns::zones {

// Reads `path` (shown as `label` in errors) into `out` as records of the zone
// `origin` (wire), with `default_ttl` until a $TTL says otherwise.
void read_include_file(const std::filesystem::path& path, const std::string& label,
                       std::string_view origin, uint32_t default_ttl, std::vector<Record>& out,
                       ConfigErrors& errors);

}  // namespace flipdns::zones
