// Checks the lexical shape of master-file text before ldns parses it. ldns is
// lenient where an operator wants to hear about a mistake: it reads "12x" as a
// TTL of 12, ignores unknown $directives, closes an unterminated quote or
// parenthesis at the end of the file, and wraps numbers that overflow their
// field. NSD and Knot refuse such files; so does this check. It only looks at
// tokens; ldns still does all the parsing.
#pragma once

#include <string>
#include <string_view>

#include "resolver/zone/zone_error.h"

namespace flipdns::zone {

// Throws ZoneError(path, line, reason) for the first problem found.
void check_master_text(std::string_view text, const std::string& path);

}  // namespace flipdns::zone
