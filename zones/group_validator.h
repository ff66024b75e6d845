// Failover-group checks, one part of validate_zone (validator.h): the owner
// against the zone's static data, the health check, the policy and the pools.
#pragma once

#include "zones/config_error.h"
#include "zones/records_by_owner.h"
#include "zones/zone_config.h"

namespace flipdns::zones {

// `records`: the zone's static records inside the zone, sealed.
void validate_groups(const ZoneConfig& zone, const RecordsByOwner& records, ConfigErrors& errors);

}  // namespace flipdns::zones
