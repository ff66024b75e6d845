// Stage 1: the header, the question and the OPT record, read with bounds checks
// on every byte. The only hand-written parser in flipdns; fuzzed.
#pragma once

#include "resolver/query/query.h"

namespace flipdns::query {

enum class ParseResult : uint8_t {
  kOk,
  kDrop,     // not a query we may answer (too short for a header, or QR=1)
  kFormErr,  // malformed: answer FORMERR
  kBadVers,  // EDNS version we do not speak (RFC 6891 6.1.3)
};

ParseResult parse(Query& q) noexcept;

}  // namespace flipdns::query
