// Static records written in YAML as presentation text ("10 mail", "192.0.2.1",
// "\"v=spf1 -all\""), turned into wire rdata by ldns so every RR type ldns knows
// (and RFC 3597 \# syntax) reads exactly as it would in a master file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace flipdns::zones {

struct RdataText {
  uint16_t type = 0;
  std::string rdata;  // uncompressed wire
  std::string text;   // the RR as ldns prints it, for messages
};

// The RR type named `name` ("A", "mx", "TYPE65400"), or 0 when ldns does not know it.
uint16_t rr_type_by_name(std::string_view name);
// "A", "MX", "TYPE65400".
std::string rr_type_name(uint16_t type);
// Types that are not data: queries-only and pseudo-RRs (OPT, AXFR, ANY, ...).
bool is_meta_type(uint16_t type);

// Parses one record. Relative names inside `value` are completed with `origin`
// (wire). Returns the record, or the reason it could not be read.
std::variant<RdataText, std::string> parse_rdata(std::string_view owner, uint32_t ttl,
                                                 uint16_t type, std::string_view value,
                                                 std::string_view origin);

}  // namespace flipdns::zones
