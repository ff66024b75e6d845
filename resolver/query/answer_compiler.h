// Precomputes, when a zone loads, the response body for every (name, qtype) the
// zone can be asked, plus the shared negative and wildcard templates. It runs the
// same lookup and encoder a query would, so a compiled answer and a computed one
// cannot differ.
#pragma once

#include <memory>

#include "resolver/zone/zone.h"

namespace flipdns::query {

std::shared_ptr<const zone::Zone> compile_zone(std::unique_ptr<zone::Zone> zone);

}  // namespace flipdns::query
