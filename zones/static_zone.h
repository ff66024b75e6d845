// The static half of a zone, ready for the server: SOA, apex NS and every static
// record (YAML and include file) in a zone::ZoneBuilder. Failover groups are not
// records here; the server serves their addresses from the current decision.
#pragma once

#include "resolver/zone/zone_builder.h"
#include "zones/zone_config.h"

namespace flipdns::zones {

// `zone` must be validated. Errors from ZoneBuilder::add (ZoneError) propagate.
zone::ZoneBuilder static_zone_builder(const ZoneConfig& zone);

// SOA rdata in wire format.
std::string soa_rdata(const Soa& soa);

}  // namespace flipdns::zones
