// Times and durations as people read them in reasons, alerts and the API:
// durations in the configuration's own notation, wall times as RFC 3339.
#pragma once

#include <string>

#include "controller/engine/clock.h"

namespace flipdns::engine {

// "0s", "500ms", "2s", "1m30s", "1h", "1h0m5s": every unit from the largest
// non-zero one down to the smallest non-zero one. Negative durations get a "-".
std::string format_duration(Duration d);

// Rounds a remaining time up to whole milliseconds, so that "allowed in 0s" is
// never printed while something is still waiting.
Duration ceil_ms(std::chrono::nanoseconds d);

// "2024-01-01T00:10:00Z" (UTC, whole seconds).
std::string format_wall_time(WallTime t);

}  // namespace flipdns::engine
