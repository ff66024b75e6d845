// Domain names in uncompressed wire format (length-prefixed labels, ending in the
// root label). Zone data keeps them lower-cased; queries keep the sender's case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flipdns::dns {

inline uint8_t to_lower(uint8_t c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<uint8_t>(c | 0x20) : c;
}

// Lower-cases the label bytes of a wire name in place (length octets are < 64 and
// never in 'A'..'Z', so the whole buffer can be mapped).
void lower_in_place(std::string& wire);
std::string lowered(std::string_view wire);

// Number of labels, not counting the root: "www.example.com." -> 3.
int label_count(std::string_view wire);

// The name with its first label removed; the root stays the root.
std::string_view parent_of(std::string_view wire);

// Whether `name` is `ancestor` or below it. Both lower-case wire.
bool is_subdomain(std::string_view name, std::string_view ancestor);

// Length of the uncompressed wire name at the start of `data`, or 0 if it is not
// one (runs past the end, a label over 63 octets, a pointer, longer than 255).
std::size_t wire_name_length(std::string_view data);

// Presentation format with a trailing dot, escaping as RFC 1035 5.1 does.
std::string to_text(std::string_view wire);

// An RR type's mnemonic ("AAAA"), or "TYPE65400" for one without a name (RFC 3597).
std::string type_to_text(uint16_t type);

// Parses presentation format. Relative names (no trailing dot) are completed with
// `origin` (wire). "@" is the origin. Returns nullopt for syntax or length errors.
std::optional<std::string> from_text(std::string_view text, std::string_view origin = {});

// The same, appended to `out` (left as it was on failure); `scratch` holds the
// NUL-terminated copy ldns needs, reused by a caller reading many names.
bool append_from_text(std::string_view text, std::string_view origin, std::string& out,
                      std::string& scratch);

}  // namespace flipdns::dns
