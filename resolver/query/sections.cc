#include "resolver/query/sections.h"

#include <algorithm>
#include <array>
#include <span>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"

namespace flipdns::query {
namespace {

constexpr int kMaxChain = 16;

struct Found {
  const zone::RRset* set = nullptr;
  std::string_view arena;
};

// Reads RRsets of one zone, taking a group owner's A and AAAA from the groups'
// current addresses.
class Reader {
 public:
  Reader(const zone::Zone& z, const zone::GroupRRsets* groups, Sections& s)
      : z_(z), groups_(groups), s_(s) {}

  Found find(uint32_t n, uint16_t type) {
    const zone::Node& node = z_.node(n);
    if ((node.flags & zone::kNodeGroup) && (type == dns::type::A || type == dns::type::AAAA))
      return group_set(n, type);
    return {z_.rrset(node, type), z_.rdata_arena()};
  }

  // RFC 8482 4.1: one RRset stands for the whole node.
  Found any(uint32_t n) {
    const zone::Node& node = z_.node(n);
    if (node.flags & zone::kNodeGroup) {
      for (uint16_t t : {dns::type::A, dns::type::AAAA})
        if (Found f = group_set(n, t); f.set) return f;
    }
    auto sets = z_.rrsets(node);
    if (sets.empty()) return {};
    return {&sets.front(), z_.rdata_arena()};
  }

 private:
  Found group_set(uint32_t n, uint16_t type) {
    s_.depends_on_groups = true;
    if (!groups_) return {};
    auto nodes = z_.group_nodes();
    uint32_t g = static_cast<uint32_t>(std::find(nodes.begin(), nodes.end(), n) - nodes.begin());
    return {groups_->rrset(g, type), groups_->arena()};
  }

  const zone::Zone& z_;
  const zone::GroupRRsets* groups_;
  Sections& s_;
};

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
  s.authority.push_back({false, std::string(z.origin()), soa, z.rdata_arena(),
                         std::min(soa->ttl, soa_minimum(z, *soa))});
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

class Collector {
 public:
  Collector(const zone::Zone& z, const zone::GroupRRsets* groups) : z_(z), r_(z, groups, s_) {}

  Sections run(Match m, uint16_t qtype) {
    if (m.kind == MatchKind::kReferral) {
      s_.authoritative = false;
      referral(m.node);
    } else if (m.kind == MatchKind::kNxDomain) {
      s_.rcode = dns::rcode::NXDOMAIN;
      add_soa(z_, s_);
    } else {
      chase(m.node, qtype);
    }
    return std::move(s_);
  }

 private:
  // A and AAAA for names in `set`'s rdata that this zone holds authoritatively,
  // or that are glue below `cut` when `cut` is given.
  void addresses(const zone::RRset& set, std::string_view arena, uint32_t cut) {
    zone::for_each_rdata(arena, set, [&](std::string_view rd) {
      std::string target = dns::lowered(rdata_target(set.type, rd));
      if (target.empty() || !dns::is_subdomain(target, z_.origin())) return;
      for (auto& r : s_.additional)
        if (r.owner == target) return;
      uint32_t n = z_.find(target);
      if (n == zone::kNone) return;
      const zone::Node& node = z_.node(n);
      bool glue = cut != zone::kNone && node.cut == cut;
      if (node.cut != zone::kNone && !glue) return;  // occluded data is never served
      if (glue && n != cut) s_.needs_additional = true;
      for (uint16_t t : {dns::type::A, dns::type::AAAA})
        if (Found f = r_.find(n, t); f.set)
          s_.additional.push_back({false, target, f.set, f.arena, f.set->ttl});
    });
  }

  void referral(uint32_t cut) {
    const zone::Node& node = z_.node(cut);
    const zone::RRset* ns = z_.rrset(node, dns::type::NS);
    s_.authority.push_back({false, std::string(z_.name(node)), ns, z_.rdata_arena(), ns->ttl});
    addresses(*ns, z_.rdata_arena(), cut);
  }

  void answer(bool owner_is_qname, const std::string& owner, Found f) {
    s_.answer.push_back({owner_is_qname, owner, f.set, f.arena, f.set->ttl});
    uint16_t t = f.set->type;
    if (t == dns::type::NS || t == dns::type::MX || t == dns::type::SRV)
      addresses(*f.set, f.arena, zone::kNone);
  }

  void chase(uint32_t start, uint16_t qtype) {
    bool owner_is_qname = true;
    std::string owner;
    // At most one node per step: no heap block for each of a zone's answers.
    std::array<uint32_t, kMaxChain + 1> seen{start};
    std::size_t seen_count = 1;
    uint32_t n = start;
    for (int step = 0; step < kMaxChain; ++step) {
      if (qtype == dns::type::ANY) {
        if (Found f = r_.any(n); f.set)
          answer(owner_is_qname, owner, f);
        else
          add_soa(z_, s_);
        return;
      }
      if (Found hit = r_.find(n, qtype); hit.set) {
        answer(owner_is_qname, owner, hit);
        return;
      }
      Found cname = r_.find(n, dns::type::CNAME);
      if (!cname.set) {
        add_soa(z_, s_);  // NODATA
        return;
      }
      answer(owner_is_qname, owner, cname);
      std::string target;
      z_.for_each_rdata(*cname.set, [&](std::string_view rd) { target = dns::lowered(rd); });
      // The chain stops at the zone's edge; the resolver follows it from there.
      if (!dns::is_subdomain(target, z_.origin())) return;
      Match next = locate(z_, target, qtype);
      if (next.kind == MatchKind::kReferral) {
        referral(next.node);
        return;
      }
      if (next.kind == MatchKind::kNxDomain) {
        s_.rcode = dns::rcode::NXDOMAIN;  // RFC 6604: the rcode speaks of the last name
        add_soa(z_, s_);
        return;
      }
      auto chain = std::span(seen).first(seen_count);
      if (std::find(chain.begin(), chain.end(), next.node) != chain.end()) return;  // a loop
      seen[seen_count++] = next.node;
      n = next.node;
      owner_is_qname = false;
      owner = target;
    }
  }

  const zone::Zone& z_;
  Sections s_;
  Reader r_;
};

}  // namespace

Sections negative(const zone::Zone& zone, uint8_t rcode) {
  Sections s;
  s.rcode = rcode;
  add_soa(zone, s);
  return s;
}

Sections collect(const zone::Zone& z, Match m, uint16_t qtype, const zone::GroupRRsets* groups) {
  return Collector(z, groups).run(m, qtype);
}

}  // namespace flipdns::query
