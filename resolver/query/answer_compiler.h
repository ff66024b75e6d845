// Precomputes, when a zone loads, the response body for every (name, qtype) the
// zone can be asked, plus the shared negative, referral and wildcard templates.
// It runs the same lookup and encoder a query would, so a compiled answer and a
// computed one cannot differ.
//
// Answers that read a failover group's addresses are not stored with the zone:
// each becomes a Recipe, and build_overlay compiles the recipes for the
// decisions in force. A flip rebuilds only the overlay.
#pragma once

#include <cstdint>
#include <memory>

#include "resolver/zone/overlay.h"
#include "resolver/zone/zone.h"

namespace flipdns::query {

std::shared_ptr<const zone::Zone> compile_zone(std::unique_ptr<zone::Zone> zone);

std::shared_ptr<const zone::Overlay> build_overlay(const zone::Zone& zone,
                                                   const zone::GroupRRsets& groups,
                                                   uint32_t serial);

}  // namespace flipdns::query
