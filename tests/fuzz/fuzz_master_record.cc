// libFuzzer target: any octets as master-file text for example.com, each record
// read twice, in step: by the server's parser (common types read by
// common_rr.h, the rest by ldns) and by one that gives every record to
// ldns_rr_new_frm_str. Where the first reads a record, the second must read
// the same owner, type, TTL and rdata; where either refuses one, both must.
// Any difference, crash or leak is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "resolver/dns/name.h"
#include "resolver/zone/master_record_parser.h"
#include "resolver/zone/zone_error.h"

namespace {

using flipdns::zone::MasterRecord;
using flipdns::zone::MasterRecordParser;
using flipdns::zone::MasterRR;

struct Outcome {
  std::optional<MasterRR> rr;
  bool refused = false;
};

Outcome read(MasterRecordParser& p, const MasterRecord& r) {
  try {
    return {p.parse(r, "input.zone"), false};
  } catch (const flipdns::zone::ZoneError&) {
    return {std::nullopt, true};
  }
}

[[noreturn]] void differ(const MasterRecord& r, const char* what) {
  std::fprintf(stderr, "*** record at line %d: %s\n", r.line, what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const std::string origin = *flipdns::dns::from_text("example.com.");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  MasterRecordParser server(origin, 3600);
  MasterRecordParser ldns(origin, 3600, MasterRecordParser::Ldns::kAll);
  flipdns::zone::lex_master_text(
      text, "input.zone",
      [&](const MasterRecord& r) {
        if (flipdns::zone::master_directive(r) == "$INCLUDE") return;  // the caller's
        Outcome a = read(server, r), b = read(ldns, r);
        if (a.refused != b.refused)
          differ(r, a.refused ? "only the server refused it" : "only ldns refused it");
        if (a.rr.has_value() != b.rr.has_value())
          differ(r, "a record for one, a directive for the other");
        if (!a.rr) return;
        if (a.rr->owner != b.rr->owner) differ(r, "owners differ");
        if (a.rr->type != b.rr->type) differ(r, "types differ");
        if (a.rr->ttl != b.rr->ttl) differ(r, "TTLs differ");
        if (a.rr->rdata != b.rr->rdata) differ(r, "rdata differ");
      },
      [](const flipdns::zone::ZoneError&) {});
  return 0;
}
