#include "zones/include_file.h"

#include <algorithm>
#include <optional>

#include "resolver/dns/name.h"
#include "resolver/zone/master_file.h"
#include "resolver/zone/master_record_parser.h"

namespace flipdns::zones {
void read_include_file(const std::filesystem::path& path, const std::string& label,
                       std::string_view origin, uint32_t default_ttl, std::vector<Record>& out,
                       ConfigErrors& errors) {
  std::optional<std::string> read = zone::read_master_text(path.string());
  if (!read) {
    add_error(errors, Location{label, 0, 0}, "cannot read the include file");
    return;
  }
  const std::string& text = *read;
  const FileName file(label);  // shared by every record's positions
  // At most a record a line: a large include is not moved as `out` grows.
  out.reserve(out.size() + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) +
              1);
  zone::MasterRecordParser parser(std::string(origin), default_ttl);
  auto on_error = [&](const zone::ZoneError& e) {
    add_error(errors, Location{file, e.line(), 0}, e.reason());
  };
  zone::lex_master_text(
      text, label,
      [&](const zone::MasterRecord& m) {
        Location at{file, m.line, m.column};
        if (zone::master_directive(m) == "$INCLUDE")
          return add_error(errors, at,
                           "$INCLUDE is not allowed in an include file; list the records here");
        std::optional<zone::MasterRR> rr;
        try {
          rr = parser.parse(m, label);
        } catch (const zone::ZoneError& e) {
          return add_error(errors, at, e.reason());
        }
        if (!rr) return;  // $ORIGIN or $TTL
        Record r;
        r.owner.value = dns::lowered(rr->owner);
        r.owner.at = at;
        r.type = {rr->type, at};
        r.ttl = {rr->ttl, at};
        r.rdata.assign(rr->rdata);
        r.at = at;
        r.from_include = true;
        out.push_back(std::move(r));
      },
      on_error);
}

}  // namespace flipdns::zones
