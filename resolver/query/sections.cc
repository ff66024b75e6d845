#include "resolver/query/sections.h"

#include <algorithm>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"

namespace flipdns::query {
namespace {

constexpr int kMaxChain = 16;

uint32_t soa_minimum(const zone::Zone& z, const zone::RRset& soa) {
  uint32_t minimum = soa.ttl;
  z.for_each_rdata(soa, [&](std::string_view rd) {
    if (rd.size() >= 4)
      minimum = dns::get32(reinterpret_cast<const uint8_t*>(rd.data() + rd.size() - 4));
  });
  return minimum;
}

void add_soa(const zone::Zone& z, Sections& s) {
  const zone::RRset* soa = z.rrset(z.node(z.apex()), dns::type::SOA);
  s.authority.push_back(
      {false, std::string(z.origin()), soa, std::min(soa->ttl, soa_minimum(z, *soa))});
}

// The name inside an rdata of a type that has one at a fixed place.
std::string_view rdata_target(uint16_t type, std::string_view rd) {
  switch (type) {
    case dns::type::NS:
    case dns::type::CNAME:
      return rd;
    case dns::type::MX:
      return rd.size() > 2 ? rd.substr(2) : std::string_view{};
    case dns::type::SRV:
      return rd.size() > 6 ? rd.substr(6) : std::string_view{};
    default:
      return {};
  }
}

// A and AAAA for names in `set`'s rdata that this zone holds authoritatively, or
// that are glue below `cut` when `cut` is given.
void add_addresses(const zone::Zone& z, const zone::RRset& set, Sections& s, uint32_t cut) {
  z.for_each_rdata(set, [&](std::string_view rd) {
    std::string target = dns::lowered(rdata_target(set.type, rd));
    if (target.empty() || !dns::is_subdomain(target, z.origin())) return;
    for (auto& r : s.additional)
      if (r.owner == target) return;
    uint32_t n = z.find(target);
    if (n == zone::kNone) return;
    const zone::Node& node = z.node(n);
    bool glue = cut != zone::kNone && node.cut == cut;
    if (node.cut != zone::kNone && !glue) return;  // occluded data is never served
    if (glue && n != cut) s.needs_additional = true;
    for (uint16_t t : {dns::type::A, dns::type::AAAA})
      if (const zone::RRset* a = z.rrset(node, t))
        s.additional.push_back({false, target, a, a->ttl});
  });
}

void add_referral(const zone::Zone& z, uint32_t cut, Sections& s) {
  const zone::Node& node = z.node(cut);
  const zone::RRset* ns = z.rrset(node, dns::type::NS);
  s.authority.push_back({false, std::string(z.name(node)), ns, ns->ttl});
  add_addresses(z, *ns, s, cut);
}

void add_answer(const zone::Zone& z, bool owner_is_qname, const std::string& owner,
                const zone::RRset& set, Sections& s) {
  s.answer.push_back({owner_is_qname, owner, &set, set.ttl});
  if (set.type == dns::type::NS || set.type == dns::type::MX || set.type == dns::type::SRV)
    add_addresses(z, set, s, zone::kNone);
}

}  // namespace

Sections negative(const zone::Zone& zone, uint8_t rcode) {
  Sections s;
  s.rcode = rcode;
  add_soa(zone, s);
  return s;
}

Sections collect(const zone::Zone& z, Match m, uint16_t qtype) {
  Sections s;
  if (m.kind == MatchKind::kReferral) {
    s.authoritative = false;
    add_referral(z, m.node, s);
    return s;
  }
  if (m.kind == MatchKind::kNxDomain) return negative(z, dns::rcode::NXDOMAIN);

  bool owner_is_qname = true;
  std::string owner;
  std::vector<uint32_t> seen;
  uint32_t n = m.node;
  for (int step = 0; step < kMaxChain; ++step) {
    const zone::Node& node = z.node(n);
    if (qtype == dns::type::ANY) {
      // RFC 8482 4.1: one RRset stands for the whole node.
      auto sets = z.rrsets(node);
      if (sets.empty())
        add_soa(z, s);
      else
        add_answer(z, owner_is_qname, owner, sets.front(), s);
      return s;
    }
    if (const zone::RRset* hit = z.rrset(node, qtype)) {
      add_answer(z, owner_is_qname, owner, *hit, s);
      return s;
    }
    const zone::RRset* cname = z.rrset(node, dns::type::CNAME);
    if (!cname) {
      add_soa(z, s);  // NODATA
      return s;
    }
    add_answer(z, owner_is_qname, owner, *cname, s);
    std::string target;
    z.for_each_rdata(*cname, [&](std::string_view rd) { target = dns::lowered(rd); });
    // The chain stops at the zone's edge; the resolver follows it from there.
    if (!dns::is_subdomain(target, z.origin())) return s;
    Match next = locate(z, target, qtype);
    if (next.kind == MatchKind::kReferral) {
      add_referral(z, next.node, s);
      return s;
    }
    if (next.kind == MatchKind::kNxDomain) {
      s.rcode = dns::rcode::NXDOMAIN;  // RFC 6604: the rcode speaks of the last name
      add_soa(z, s);
      return s;
    }
    if (std::find(seen.begin(), seen.end(), next.node) != seen.end() || next.node == m.node)
      return s;  // a loop: answer the chain so far
    seen.push_back(next.node);
    n = next.node;
    owner_is_qname = false;
    owner = target;
  }
  return s;
}

}  // namespace flipdns::query
