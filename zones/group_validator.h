// Failover-group checks, one part of validate_zone (validator.h): the owner
// against the zone's static data, the health check, the policy and the pools.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "zones/config_error.h"
#include "zones/zone_config.h"

namespace flipdns::zones {

// Static records inside the zone by lower-case wire owner, in file order.
// Hashed: a million-name include spent most of its validation in an ordered
// map's string compares. Errors are sorted by position afterwards, so the
// iteration order shows nowhere.
using RecordsByOwner = std::unordered_map<std::string, std::vector<const Record*>>;

void validate_groups(const ZoneConfig& zone, const RecordsByOwner& records, ConfigErrors& errors);

}  // namespace flipdns::zones
