// The commonest records of a zone file (A, AAAA, NS, CNAME, PTR, MX, SRV, TXT)
// read without ldns_rr_new_frm_str. That call tokenizes the record again and
// makes eight buffers for it, three of 64 KiB: a quarter of a million-name load.
// Here each field goes straight to the parser ldns would have used for it
// (inet_pton for addresses, ldns_str2rdf_dname for names, ldns_str2rdf_str for
// character-strings, a plain decimal for 16-bit numbers), and
// anything out of the ordinary is declined and left to ldns, whose answer then
// stands, error message included. tests/fuzz/fuzz_master_record.cc checks that
// every record taken here reads exactly as ldns reads it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "resolver/zone/master_file_lexer.h"

namespace flipdns::zone {

// Where a record is read: the current origin, default TTL and previous owner
// (all wire; `prev_owner` empty before the first record).
struct RecordContext {
  std::string_view origin;
  uint32_t default_ttl;
  std::string_view prev_owner;
};

struct CommonRR {
  std::string owner;  // wire, as written (any case)
  uint16_t type = 0;
  uint32_t ttl = 0;
  std::string rdata;  // uncompressed wire
  std::string text;   // scratch: a token with its NUL, for ldns and inet_pton
};

// True with `out` filled when `r` is `[owner] [TTL] [IN] TYPE fields` for one
// of the types above, each field one token that parses. False for anything
// else (other types and classes, quoted or RFC 3597 data, a field that does not
// parse): the caller asks ldns. `out`'s strings are reused between calls.
bool read_common_rr(const MasterRecord& r, const RecordContext& at, CommonRR& out);

// Whether the record gives its own TTL: ldns reads one only right after the
// owner, where a token starting with a digit is one (RFC 1035 5.1).
bool has_own_ttl(const MasterRecord& r);

}  // namespace flipdns::zone
