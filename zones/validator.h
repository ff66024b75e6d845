// Whole-config checks: ranges, duplicates, names that conflict, references that
// do not resolve. Runs on what the loader (yaml_loader.h) could read and appends
// every problem it finds, each with file:line:column, to `errors`.
#pragma once

#include <cstdint>
#include <vector>

#include "resolver/zone/zone_error.h"
#include "zones/config_error.h"
#include "zones/zone_config.h"

namespace flipdns::zones {

// The ranges zones/README.md documents.
namespace limits {
inline constexpr int64_t kMaxTtl = 2147483647;  // RFC 2181 8
inline constexpr int64_t kMinGroupTtl = 1;
inline constexpr int64_t kMaxGroupTtl = 3600;  // a longer TTL would make a flip wait for caches
inline constexpr int64_t kMaxSerial = 4294967295;
inline constexpr int64_t kMaxSoaMinimum = 86400;  // RFC 2308 5
inline constexpr Millis kMinInterval{100};
inline constexpr Millis kMaxInterval{3'600'000};
inline constexpr Millis kMinTimeout{10};
inline constexpr int64_t kMaxRiseFall = 100;
inline constexpr Millis kMaxHoldDown{86'400'000};
inline constexpr Millis kMaxFailbackAfter{86'400'000};
}  // namespace limits

// Checks one zone file's content as a whole, then, when nothing else was wrong,
// builds its static records with zone::ZoneBuilder exactly as the server will so
// lint and server can never disagree.
// `build` false leaves that last step to a caller that builds the zone anyway
// (flipdns-auth: a million-name zone is not built twice); it reports a
// zone::ZoneError from its own build with build_error().
void validate_zone(const ZoneConfig& zone, ConfigErrors& errors, bool build = true);

// A zone::ZoneError from building `zone`'s static records, placed at the record's
// column as the validator places every other error.
ConfigError build_error(const ZoneConfig& zone, const zone::ZoneError& e);

// Checks zones against each other: one zone in two files.
void validate_zone_set(const std::vector<ZoneConfig>& zones, ConfigErrors& errors);

}  // namespace flipdns::zones
