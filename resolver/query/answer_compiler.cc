#include "resolver/query/answer_compiler.h"

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

// The part of the question name every query sent to this node's answers shares:
// the name itself, or for a wildcard (whose answers stand for many names) its
// parent. That holds for a referral too: a wildcard owning NS answers every name
// it covers with its referral, and "*" is in none of those questions.
std::string_view known_suffix(const zone::Zone& z, uint32_t node) {
  std::string_view name = z.name(z.node(node));
  if (name.size() > 2 && name[0] == 1 && name[1] == '*') return dns::parent_of(name);
  return name;
}

uint32_t store(Encoder& e, zone::AnswerTable& table, const zone::Zone& z, const Sections& s,
               std::string_view known) {
  const EncodedBody& b = e.encode(s, known, known.size());
  if (b.wire.size() > kMaxBody)
    throw zone::ZoneError(
        z.source(), 0,
        "an answer in zone " + dns::to_text(z.origin()) + " does not fit in a DNS message");
  zone::Answer a;
  a.no_additional_len = b.no_additional_len;
  a.ancount = b.ancount;
  a.nscount = b.nscount;
  a.arcount = b.arcount;
  a.serial_off = b.serial_off;
  a.rcode = s.rcode;
  a.qname_len = static_cast<uint8_t>(known.size());
  a.flags = (s.authoritative ? zone::kAnswerAuthoritative : 0) |
            (s.needs_additional ? zone::kAnswerNeedsAdditional : 0);
  return table.add(a, b.wire, b.relocs);
}

class Compiler {
 public:
  explicit Compiler(zone::Zone& z) : z_(z), tables_(z) {}

  void run() {
    std::set<uint16_t> all_types{dns::type::A, dns::type::AAAA, dns::type::ANY};
    for (uint32_t i = 0; i < z_.node_count(); ++i)
      for (const auto& s : z_.rrsets(z_.node(i))) all_types.insert(s.type);
    tables_.table().answers.reserve(z_.node_count() * 2);

    std::string_view apex = z_.origin();
    nodata_ = store(encoder_, tables_.table(), z_, negative(z_, dns::rcode::NOERROR), apex);
    tables_.set_nxdomain(
        store(encoder_, tables_.table(), z_, negative(z_, dns::rcode::NXDOMAIN), apex));

    std::vector<zone::AnswerEntry> entries;
    for (uint32_t i = 0; i < z_.node_count(); ++i) {
      const zone::Node& node = z_.node(i);
      entries.clear();
      if (node.cut != zone::kNone && node.cut != i) continue;  // occluded: the cut answers
      if (node.cut == i) {
        // A cut answers with a referral, except DS, which is the parent's data.
        entries.push_back({dns::type::DS, compile(i, dns::type::DS, MatchKind::kExact)});
        tables_.set_entries(i, entries, compile(i, 0, MatchKind::kReferral));
        continue;
      }
      bool chains = z_.rrset(node, dns::type::CNAME) != nullptr;
      uint32_t fallback = chains ? compile(i, 0, MatchKind::kExact) : nodata_;
      if (chains) {
        // What a chain ends in depends on the qtype: one entry per type the zone
        // has, kept only where it differs from the chain's default.
        for (uint16_t t : all_types) {
          uint32_t a = compile(i, t, MatchKind::kExact);
          bool dynamic = (a | fallback) & zone::kOverlaySlot;
          if (dynamic || !tables_.table().same(a, fallback)) entries.push_back({t, a});
        }
      } else {
        for (const auto& s : z_.rrsets(node))
          entries.push_back({s.type, compile(i, s.type, MatchKind::kExact)});
        if (node.flags & zone::kNodeGroup)
          for (uint16_t t : {dns::type::A, dns::type::AAAA})
            entries.push_back({t, compile(i, t, MatchKind::kExact)});
        // ANY is answered with the node's first RRset (RFC 8482), the very answer
        // its type already has; only a group's depends on the decision.
        if (!entries.empty())
          entries.push_back({dns::type::ANY, (node.flags & zone::kNodeGroup)
                                                 ? compile(i, dns::type::ANY, MatchKind::kExact)
                                                 : entries.front().answer});
      }
      tables_.set_entries(i, entries, fallback);
    }
  }

 private:
  uint32_t compile(uint32_t node, uint16_t qtype, MatchKind kind) {
    Sections s = collect(z_, {kind, node}, qtype);
    if (s.depends_on_groups) return tables_.add_recipe({node, qtype, static_cast<uint8_t>(kind)});
    return store(encoder_, tables_.table(), z_, s, known_suffix(z_, node));
  }

  zone::Zone& z_;
  zone::AnswerTables tables_;
  Encoder encoder_;
  uint32_t nodata_ = zone::kNone;
};

}  // namespace

std::shared_ptr<const zone::Zone> compile_zone(std::unique_ptr<zone::Zone> zone) {
  Compiler(*zone).run();
  return std::shared_ptr<const zone::Zone>(std::move(zone));
}

std::shared_ptr<const zone::Overlay> build_overlay(const zone::Zone& z,
                                                   const zone::GroupRRsets& groups,
                                                   uint32_t serial) {
  auto o = std::make_shared<zone::Overlay>();
  Encoder e;
  o->serial = serial;
  for (const zone::Recipe& r : z.recipes()) {
    auto kind = static_cast<MatchKind>(r.match_kind);
    store(e, o->table, z, collect(z, {kind, r.node}, r.qtype, &groups), known_suffix(z, r.node));
  }
  return o;
}

}  // namespace flipdns::query
