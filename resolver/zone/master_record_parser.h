// Turns lexed master-file records into RRs: keeps $ORIGIN, $TTL and the
// previous owner as RFC 1035 5.1 says and has ldns parse each record's text.
// Both readers of master files (a zone file, a YAML zone's include) use it, so
// they read the same text the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "resolver/dns/ldns_ptr.h"
#include "resolver/zone/common_rr.h"
#include "resolver/zone/master_file_lexer.h"

namespace flipdns::zone {

// One RR. The views are the parser's and last until its next parse().
struct MasterRR {
  std::string_view owner;  // wire, as written (any case)
  uint16_t type;
  uint32_t ttl;
  std::string_view rdata;  // uncompressed wire
};

// The record on one line, as ldns_rr_new_frm_str reads it, in `out`. A newline
// inside a quoted string, or escaped, becomes \010, which means the same:
// ldns_bget_token (ldns 1.8.3) writes a blank for each newline it meets inside
// parentheses without checking its buffer, and our quoted text can look like
// parentheses to it.
void ldns_record_text(const MasterRecord& r, std::string& out);

// "$ORIGIN", "$TTL", "$INCLUDE" (upper case) for a directive, else empty.
std::string master_directive(const MasterRecord& r);

class MasterRecordParser {
 public:
  // Which records ldns_rr_new_frm_str reads: those common_rr.h declines, or
  // (for tests that compare the two) every one.
  enum class Ldns : uint8_t { kUncommon, kAll };

  // `origin`: wire. `default_ttl`: for records without a TTL until a $TTL.
  MasterRecordParser(std::string origin, uint32_t default_ttl, Ldns ldns = Ldns::kUncommon);

  // The RR of a record, or nullopt for $ORIGIN and $TTL, which change what
  // follows. Throws ZoneError(path, r.line, reason) for a record ldns cannot
  // parse, a class other than IN, or a directive it does not take ($INCLUDE is
  // the caller's to follow or refuse).
  std::optional<MasterRR> parse(const MasterRecord& r, const std::string& path);

  const std::string& origin() const { return origin_; }
  uint32_t default_ttl() const { return default_ttl_; }

 private:
  void directive(const std::string& name, const MasterRecord& r, const std::string& path);
  void parse_with_ldns(const MasterRecord& r, const std::string& path);

  std::string origin_;
  dns::RdfPtr origin_rdf_;  // the same, for ldns
  uint32_t default_ttl_;
  Ldns ldns_;
  std::string prev_owner_;  // wire: the last owner, for a record that omits it
  CommonRR rr_;             // the last RR parsed
  std::string line_;        // for ldns: each record's text in turn
  dns::BufferPtr rdata_;    // for ldns: the rdata it encodes
};

}  // namespace flipdns::zone
