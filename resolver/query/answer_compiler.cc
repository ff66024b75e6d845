#include "resolver/query/answer_compiler.h"

#include <algorithm>
#include <set>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"
#include "resolver/query/encoder.h"
#include "resolver/query/sections.h"
#include "resolver/zone/zone_error.h"

namespace flipdns::query {
namespace {

// Room a body may take so header, the longest question and OPT still fit.
constexpr std::size_t kMaxBody =
    dns::kMaxMessage - dns::kHeaderSize - dns::kMaxNameLen - 4 - dns::kOptRrSize;

class Compiler {
 public:
  explicit Compiler(zone::Zone& z) : z_(z), tables_(z) {}

  void run() {
    std::set<uint16_t> all_types;
    for (uint32_t i = 0; i < z_.node_count(); ++i)
      for (const auto& s : z_.rrsets(z_.node(i))) all_types.insert(s.type);
    all_types.insert(dns::type::ANY);
    tables_.reserve(z_.node_count() * 2, z_.node_count() * 40);

    std::string_view apex = z_.origin();
    nodata_ = add(negative(z_, dns::rcode::NOERROR), apex);
    tables_.set_nxdomain(add(negative(z_, dns::rcode::NXDOMAIN), apex));

    std::vector<zone::AnswerEntry> entries;
    for (uint32_t i = 0; i < z_.node_count(); ++i) {
      const zone::Node& node = z_.node(i);
      entries.clear();
      if (node.cut != zone::kNone && node.cut != i) continue;  // occluded: the cut answers
      std::string_view name = z_.name(node);
      if (node.cut == i) {
        // A cut answers with a referral, except DS, which is the parent's data.
        entries.push_back(
            {dns::type::DS, add(collect(z_, {MatchKind::kExact, i}, dns::type::DS), name)});
        tables_.set_entries(i, entries, add(collect(z_, {MatchKind::kReferral, i}, 0), name));
        continue;
      }
      // A wildcard's answers are templates for every name it stands for; all
      // those names end in the wildcard's parent.
      std::string_view known = name;
      if (name.size() > 2 && name[0] == 1 && name[1] == '*') known = dns::parent_of(name);
      Match self{MatchKind::kExact, i};
      auto sets = z_.rrsets(node);
      bool is_cname = z_.rrset(node, dns::type::CNAME) != nullptr;
      uint32_t fallback = nodata_;
      if (is_cname) fallback = add(collect(z_, self, 0), known);
      if (is_cname) {
        // What a chain ends in depends on the qtype: one entry per type the zone
        // has, kept only where it differs from the chain's default.
        for (uint16_t t : all_types) {
          uint32_t a = add(collect(z_, self, t), known);
          if (!same(a, fallback)) entries.push_back({t, a});
        }
      } else {
        for (const auto& s : sets)
          entries.push_back({s.type, add(collect(z_, self, s.type), known)});
        if (!sets.empty()) entries.push_back({dns::type::ANY, entries.front().answer});
      }
      tables_.set_entries(i, entries, fallback);
    }
  }

 private:
  uint32_t add(const Sections& s, std::string_view known) {
    EncodedBody b = Encoder(z_, known, known.size()).encode(s);
    if (b.wire.size() > kMaxBody)
      throw zone::ZoneError(
          z_.source(), 0,
          "an answer in zone " + dns::to_text(z_.origin()) + " does not fit in a DNS message");
    zone::Answer a;
    a.no_additional_len = b.no_additional_len;
    a.ancount = b.ancount;
    a.nscount = b.nscount;
    a.arcount = b.arcount;
    a.rcode = s.rcode;
    a.qname_len = static_cast<uint8_t>(known.size());
    a.flags = (s.authoritative ? zone::kAnswerAuthoritative : 0) |
              (s.needs_additional ? zone::kAnswerNeedsAdditional : 0);
    return tables_.add(a, b.wire, b.relocs);
  }

  bool same(uint32_t x, uint32_t y) const {
    const zone::Answer &a = z_.answer(x), &b = z_.answer(y);
    return a.wire_len == b.wire_len && a.rcode == b.rcode && a.flags == b.flags &&
           a.qname_len == b.qname_len && a.ancount == b.ancount && a.arcount == b.arcount &&
           std::equal(z_.wire(a), z_.wire(a) + a.wire_len, z_.wire(b));
  }

  zone::Zone& z_;
  zone::AnswerTables tables_;
  uint32_t nodata_ = zone::kNone;
};

}  // namespace

std::shared_ptr<const zone::Zone> compile_zone(std::unique_ptr<zone::Zone> zone) {
  Compiler(*zone).run();
  return std::shared_ptr<const zone::Zone>(std::move(zone));
}

}  // namespace flipdns::query
