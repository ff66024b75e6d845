// Group names as operators type them and as URLs carry them.
#pragma once

#include <string>
#include <string_view>

namespace flipdns::cli {

// "app.example.com" and "app.example.com." both name the group
// "app.example.com." (the contract's spelling, trailing dot included).
std::string normalize_group(std::string_view name);

// One URL path segment: unreserved characters as they are, everything else
// %-escaped, so that a typo with a "/" or "?" cannot reach another endpoint.
// The dots of a group name stay literal, as the contract's URLs have them.
std::string path_segment(std::string_view text);

}  // namespace flipdns::cli
