// Invariants every response from handle_query must hold, whatever the query was.
// A violation prints what broke and aborts, which libFuzzer records as a crash.
#pragma once

#include <cstdint>
#include <span>

#include "resolver/query/handler.h"

namespace flipdns::fuzz {

// `capacity` is the size of the buffer handle_query was given; `out` is what it
// wrote (the first outcome.size octets of that buffer).
void check_response(std::span<const uint8_t> query, query::Transport transport,
                    std::size_t capacity, const query::Outcome& outcome,
                    std::span<const uint8_t> out);

}  // namespace flipdns::fuzz
