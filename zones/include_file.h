// The `include:` key: an RFC 1035 master file of more static records for the
// zone, read by ldns ($ORIGIN, $TTL, multi-line RRs, RFC 3597 types). It holds
// records only: the SOA and apex NS come from the YAML file, and $INCLUDE is
// refused so a zone's records are always in at most two files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "zones/config_error.h"
#include "zones/zone_config.h"

namespace flipdns::zones {

// One RR (or directive) of a master file: its text and where it starts.
struct MasterEntry {
  std::string_view text;  // in the text split_master_entries was given
  int line = 0;
  int column = 0;  // first character that is not blank
};

// Splits master-file text into entries: lines, joined where parentheses are open,
// with blank and comment-only lines dropped. Quotes and backslash escapes are
// honoured so a ";" or "(" inside a TXT string stays data.
std::vector<MasterEntry> split_master_entries(std::string_view text);

// Reads `path` (shown as `label` in errors) into `out` as records of the zone
// `origin` (wire), with `default_ttl` until a $TTL says otherwise.
void read_include_file(const std::filesystem::path& path, const std::string& label,
                       std::string_view origin, uint32_t default_ttl, std::vector<Record>& out,
                       ConfigErrors& errors);

}  // namespace flipdns::zones
