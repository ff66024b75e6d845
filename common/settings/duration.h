// Durations as operators write them in flags and YAML: "500ms", "2s", "10m", "1h",
// or a sum of those ("1m30s"). One parser, so "2s" means the same in every flag,
// config file, zone YAML and API request of every flipdns program.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace flipdns {

// Parses a duration. A bare number is refused: "30" could mean seconds or
// milliseconds, and guessing wrong turns a hold-down into nothing.
// Returns nullopt on syntax errors and on overflow.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// The shortest form parse_duration reads back to the same value: 1500ms -> "1500ms",
// 90s -> "1m30s", 0 -> "0s".
std::string format_duration(std::chrono::milliseconds d);

}  // namespace flipdns
