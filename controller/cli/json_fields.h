// Reading the controller's JSON for tables without trusting its shape: a
// missing or oddly typed field prints as "-" instead of aborting the command,
// and each field may have more than one accepted name, so an older or newer
// controller still gives a readable table (--json shows everything as sent).
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

namespace flipdns::cli {

// The first of `keys` present in object `j`, as text (strings as they are,
// numbers and booleans as JSON writes them); `fallback` when none is.
std::string field_text(const nlohmann::json& j, std::initializer_list<std::string_view> keys,
                       std::string_view fallback = "-");

// The first of `keys` present in `j` (any type); null when none is or `j` is
// not an object.
const nlohmann::json& field(const nlohmann::json& j, std::initializer_list<std::string_view> keys);

// The list an answer carries: `j` itself if it is an array, else the first of
// its members `keys` that is an array, else an empty array.
const nlohmann::json& list_of(const nlohmann::json& j,
                              std::initializer_list<std::string_view> keys);

// "a, b, c" from an array of strings (or of objects with an "address").
std::string join_members(const nlohmann::json& members);

}  // namespace flipdns::cli
