// The static half of a zone, ready for the server: SOA, apex NS and every static
// record (YAML and include file) in a zone::ZoneBuilder. Failover groups are not
// records here; the server serves their addresses from the current decision.
#pragma once

#include "resolver/zone/zone_builder.h"
#include "zones/zone_config.h"

namespace flipdns::zones {

// `zone` must be validated. Errors from ZoneBuilder::add (ZoneError) propagate.
zone::ZoneBuilder static_zone_builder(const ZoneConfig& zone);

// The same for a caller that is done with `zone`'s records once they are in the
// builder (the server): each record is freed as it is added, so a large zone is
// not held twice while it is built. Leaves `zone.records` empty and their places
// in `zone.taken_records`, so build_error (validator.h) still names the column.
zone::ZoneBuilder take_static_zone_builder(ZoneConfig& zone);

// SOA rdata in wire format.
std::string soa_rdata(const Soa& soa);

}  // namespace flipdns::zones
