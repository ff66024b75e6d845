// When the next health check of a member runs. Checks of many members started
// together would otherwise stay in lockstep and hit the backends, and our own
// loop, in bursts; a little jitter spreads them.
#pragma once

#include <cstdint>

#include "controller/engine/clock.h"

namespace flipdns::engine {

inline constexpr Duration kMinInterval{1};

// `interval` moved by up to ±max_percent % (capped at 100), chosen by `random`
// (any 64-bit value, uniformly distributed). Never less than kMinInterval, so a
// caller can never schedule a busy loop, whatever the configuration says.
Duration interval_with_jitter(Duration interval, uint64_t random, unsigned max_percent = 10);

}  // namespace flipdns::engine
