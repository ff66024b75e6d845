// Splits master-file text (RFC 1035 5.1) into records of tokens and checks
// their lexical shape. One pass finds where each record starts and ends, so
// ldns parses each record from a string once instead of re-reading the file a
// character at a time. The checks are where ldns is lenient and an operator
// wants to hear about a mistake: ldns reads "12x" as a TTL of 12, ignores
// unknown $directives, closes an unterminated quote or parenthesis at the end
// of the file, and wraps numbers that overflow their field. NSD and Knot refuse
// such files; so does this lexer.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "resolver/zone/zone_error.h"

namespace flipdns::zone {

// One stretch of the text: quotes and escapes stay in it, comments and
// parentheses are gone.
struct MasterToken {
  std::string_view text;
  int line;
};

struct MasterRecord {
  std::vector<MasterToken> tokens;  // never empty
  bool owner_omitted = false;       // the record's first line starts with blank space
  int line = 0;                     // where the record starts
  int column = 0;                   // of its first token, from 1
};

using MasterErrorHandler = std::function<void(const ZoneError&)>;

// The handler for a reader that stops at the first error.
void throw_master_error(const ZoneError& e);

// Calls `on_record` for each record or $directive in the order written. A record
// with a mistake goes to `on_error` instead and lexing goes on; a quote or
// parenthesis left open, or a stray ')', goes to `on_error` and ends the text.
void lex_master_text(std::string_view text, const std::string& path,
                     const std::function<void(const MasterRecord&)>& on_record,
                     const MasterErrorHandler& on_error = throw_master_error);

// A TTL as RFC 1035 writes it or with BIND's units (1h30m); -1 if malformed,
// -2 if above 2^31 - 1 (RFC 2181 8).
int64_t master_ttl_value(std::string_view text);

}  // namespace flipdns::zone
