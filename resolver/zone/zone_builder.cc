#include "resolver/zone/zone_builder.h"

#include <algorithm>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"

namespace flipdns::zone {
namespace {

bool is_dnssec_meta(uint16_t t) {
  return t == dns::type::RRSIG || t == dns::type::NSEC;
}

std::string type_text(uint16_t t) {
  return dns::type_to_text(t);
}

// Types whose rdata we read names out of must hold well-formed names where RFC
// 1035 and RFC 2782 put them; RFC 3597 syntax could otherwise smuggle in anything.
bool rdata_well_formed(uint16_t type, std::string_view rd) {
  auto name_then = [&](std::size_t at, std::size_t tail) {
    if (at > rd.size()) return false;
    std::size_t n = dns::wire_name_length(rd.substr(at));
    return n != 0 && at + n + tail == rd.size();
  };
  switch (type) {
    case dns::type::NS:
    case dns::type::CNAME:
    case dns::type::PTR:
    case dns::type::DNAME:
      return name_then(0, 0);
    case dns::type::MX:
      return name_then(2, 0);
    case dns::type::SRV:
      return name_then(6, 0);
    case dns::type::SOA: {
      std::size_t m = dns::wire_name_length(rd);
      return m != 0 && name_then(m, 20);
    }
    case dns::type::A:
      return rd.size() == 4;
    case dns::type::AAAA:
      return rd.size() == 16;
    default:
      return true;
  }
}

// One RR's share of Zone::digest(); summed, so order does not matter.
uint64_t rr_digest(std::string_view owner, uint16_t type, uint32_t ttl, std::string_view rdata) {
  uint64_t h = fnv1a(owner);
  for (uint64_t v : {uint64_t{type}, uint64_t{ttl}, uint64_t{rdata.size()}})
    h = (h ^ v) * 1099511628211ull;
  for (unsigned char c : rdata) h = (h ^ c) * 1099511628211ull;
  return h * 0x9E3779B97F4A7C15ull;
}

}  // namespace

ZoneBuilder::ZoneBuilder(std::string_view origin, std::string source)
    : origin_(dns::lowered(origin)), source_(std::move(source)) {}

std::size_t ZoneBuilder::slot_of(std::string_view name, uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  for (uint32_t n; (n = slots_[i]) != kNone && name_of(pending_[n]) != name;) i = (i + 1) & mask;
  return i;
}

uint32_t ZoneBuilder::find_pending(std::string_view name) const {
  if (slots_.empty()) return kNone;
  return slots_[slot_of(name, hash_name(name))];
}

uint32_t ZoneBuilder::node_at(std::size_t slot, PendingNode name) {
  if (slots_[slot] == kNone) {
    slots_[slot] = static_cast<uint32_t>(pending_.size());
    pending_.push_back(name);
  }
  return slots_[slot];
}

uint32_t ZoneBuilder::intern(std::string_view name) {
  // Records come grouped by owner and most parents are one name (the apex): the
  // last answer saves a hash probe into a table too big for the cache.
  if (last_ != kNone && name_of(pending_[last_]) == name) return last_;
  reserve_nodes(pending_.size() + 1);
  std::size_t slot = slot_of(name, hash_name(name));
  if (slots_[slot] == kNone) names_.append(name);
  return last_ = node_at(slot, {static_cast<uint32_t>(names_.size() - name.size()),
                                static_cast<uint8_t>(name.size())});
}

void ZoneBuilder::expect_records(std::size_t records) {
  rrs_.reserve(rrs_.size() + records);
  runs_.reserve(runs_.size() + records);
  pending_.reserve(pending_.size() + records);
  reserve_nodes(pending_.size() + records);
}

void ZoneBuilder::reserve_nodes(std::size_t nodes) {
  std::size_t slots = std::max<std::size_t>(1024, slots_.size());
  while (nodes * 2 > slots) slots <<= 1;  // at most half full
  if (slots != slots_.size()) rehash(slots);
}

void ZoneBuilder::rehash(std::size_t slots) {
  slots_.assign(slots, kNone);
  const std::size_t mask = slots - 1;
  for (uint32_t n = 0; n < pending_.size(); ++n) {
    std::size_t i = hash_name(name_of(pending_[n])) & mask;
    while (slots_[i] != kNone) i = (i + 1) & mask;
    slots_[i] = n;
  }
}

uint32_t ZoneBuilder::file_index(const std::string& file) {
  // Few distinct files ($INCLUDE); a linear scan beats a map here.
  for (uint32_t i = 0; i < files_.size(); ++i)
    if (files_[i] == file) return i;
  files_.push_back(file);
  return static_cast<uint32_t>(files_.size() - 1);
}

void ZoneBuilder::fail(const Pos& pos, const std::string& reason) const {
  throw ZoneError(files_.empty() ? source_ : files_[pos.file], pos.line, reason);
}

void ZoneBuilder::add(std::string_view owner, uint16_t type, uint32_t ttl, std::string_view rdata,
                      const std::string& file, int line) {
  Pos pos{file_index(file), line};
  // ldns appends the origin to a relative owner without checking the result's
  // length (found by fuzz_zone_file): a name must still be a name.
  if (dns::wire_name_length(owner) != owner.size()) fail(pos, "owner name longer than 255 octets");
  scratch_.assign(owner);
  dns::lower_in_place(scratch_);
  const std::string& name = scratch_;
  if (!dns::is_subdomain(name, origin_))
    fail(pos, "owner " + dns::to_text(owner) + " is outside the zone " + dns::to_text(origin_));
  if (type == dns::type::SOA && name != origin_)
    fail(pos, "SOA record at " + dns::to_text(owner) + ", not at the zone apex");
  if (type == dns::type::OPT || type == dns::type::AXFR || type == dns::type::IXFR ||
      type == dns::type::ANY || type == dns::type::MAILA || type == dns::type::MAILB)
    fail(pos, "type " + std::to_string(type) + " cannot appear in a zone");
  if (rdata.size() > 65535) fail(pos, "rdata too long");
  if (!rdata_well_formed(type, rdata)) fail(pos, "malformed rdata for type " + type_text(type));
  ++rr_count_;
  if (rdata_.size() + rdata.size() > UINT32_MAX) fail(pos, "zone too large");
  // Looked up in build(): until then an RR's node is its run of same-owner RRs.
  if (runs_.empty() || name_of(runs_.back()) != name) {
    runs_.push_back({static_cast<uint32_t>(names_.size()), static_cast<uint8_t>(name.size())});
    names_.append(name);
  }
  auto run = static_cast<uint32_t>(runs_.size() - 1);
  rrs_.push_back({run, static_cast<uint32_t>(rdata_.size()), static_cast<uint16_t>(rdata.size()),
                  type, ttl, pos});
  rdata_.append(rdata);
}

void ZoneBuilder::resolve_owners() {
  if (runs_.empty()) return;
  reserve_nodes(pending_.size() + runs_.size());
  const std::size_t mask = slots_.size() - 1;
  std::vector<uint64_t> hashes(runs_.size());
  for (std::size_t r = 0; r < runs_.size(); ++r) hashes[r] = hash_name(name_of(runs_[r]));
  // Each new owner's probe misses the cache; asking for the slot a few owners
  // ahead overlaps those misses instead of taking them one after another.
  constexpr std::size_t kAhead = 8;
  std::vector<uint32_t> node_of(runs_.size());
  for (std::size_t r = 0; r < runs_.size(); ++r) {
    if (r + kAhead < runs_.size()) __builtin_prefetch(&slots_[hashes[r + kAhead] & mask]);
    // A new owner's node keeps the run's copy of the name.
    node_of[r] = node_at(slot_of(name_of(runs_[r]), hashes[r]), runs_[r]);
  }
  for (PendingRR& rr : rrs_) rr.node = node_of[rr.node];
  runs_ = {};
}

void ZoneBuilder::merge_sets() {
  // Bucket the RRs by node, keeping the order they were added (a counting sort).
  const std::size_t nodes = pending_.size();
  std::vector<uint32_t> start(nodes + 1, 0);
  for (const PendingRR& r : rrs_) ++start[r.node + 1];
  for (std::size_t i = 0; i < nodes; ++i) start[i + 1] += start[i];
  std::vector<uint32_t> order(rrs_.size());
  {
    std::vector<uint32_t> next(start.begin(), start.end() - 1);
    for (uint32_t i = 0; i < rrs_.size(); ++i) order[next[rrs_[i].node]++] = i;
  }
  sets_.clear();
  kept_.clear();
  kept_.reserve(rrs_.size());
  node_sets_.assign(nodes + 1, 0);
  for (std::size_t n = 0; n < nodes; ++n) {
    node_sets_[n] = static_cast<uint32_t>(sets_.size());
    auto b = order.begin() + start[n], e = order.begin() + start[n + 1];
    std::stable_sort(b, e, [&](uint32_t x, uint32_t y) { return rrs_[x].type < rrs_[y].type; });
    for (auto it = b; it != e; ++it) {
      const PendingRR& r = rrs_[*it];
      if (sets_.size() == node_sets_[n] || sets_.back().type != r.type)
        sets_.push_back({r.type, r.ttl, r.pos, static_cast<uint32_t>(kept_.size()), 0});
      MergedSet& set = sets_.back();
      set.ttl = std::min(set.ttl, r.ttl);
      std::string_view rd = rdata_of(r);
      auto kept = std::span(kept_).subspan(set.first, set.count);
      if (std::any_of(kept.begin(), kept.end(),
                      [&](uint32_t k) { return rdata_of(rrs_[k]) == rd; }))
        continue;  // a duplicate (RFC 2181 5)
      if (set.count >= 65535) fail(r.pos, "RRset too large");
      kept_.push_back(*it);
      ++set.count;
    }
  }
  node_sets_[nodes] = static_cast<uint32_t>(sets_.size());
}

void ZoneBuilder::add_group(std::string_view owner, const std::string& file, int line) {
  Pos pos{file_index(file), line};
  if (dns::wire_name_length(owner) != owner.size()) fail(pos, "group name longer than 255 octets");
  std::string name = dns::lowered(owner);
  if (!dns::is_subdomain(name, origin_))
    fail(pos, "group " + dns::to_text(owner) + " is outside the zone " + dns::to_text(origin_));
  for (const auto& g : groups_)
    if (g.owner == name) fail(pos, "group " + dns::to_text(owner) + " declared twice");
  groups_.push_back({std::move(name), pos});
}

std::unique_ptr<Zone> ZoneBuilder::build() {
  Pos zone_pos{0, 0};
  if (files_.empty()) files_.push_back(source_);
  resolve_owners();
  merge_sets();
  uint32_t apex = find_pending(origin_);
  if (apex == kNone) fail(zone_pos, "zone " + dns::to_text(origin_) + " has no SOA record");
  {
    auto sets = sets_of(apex);
    auto soa =
        std::find_if(sets.begin(), sets.end(), [](auto& s) { return s.type == dns::type::SOA; });
    if (soa == sets.end()) fail(zone_pos, "zone " + dns::to_text(origin_) + " has no SOA record");
    if (soa->count != 1) fail(soa->pos, "zone has more than one SOA record");
    if (std::none_of(sets.begin(), sets.end(), [](auto& s) { return s.type == dns::type::NS; }))
      fail(soa->pos, "zone " + dns::to_text(origin_) + " has no NS records at its apex");
  }
  for (uint32_t n = 0; n < pending_.size(); ++n) {
    std::string_view name = name_of(pending_[n]);
    auto sets = sets_of(n);
    auto cname =
        std::find_if(sets.begin(), sets.end(), [](auto& s) { return s.type == dns::type::CNAME; });
    if (cname == sets.end()) continue;
    if (cname->count > 1) fail(cname->pos, "more than one CNAME record at " + dns::to_text(name));
    for (auto& s : sets)
      if (s.type != dns::type::CNAME && !is_dnssec_meta(s.type))
        fail(cname->pos,
             "CNAME at " + dns::to_text(name) + " beside other data (" + type_text(s.type) + ")");
  }

  for (const auto& g : groups_) {
    uint32_t n = find_pending(g.owner);
    if (n == kNone) continue;
    for (const auto& set : sets_of(n))
      if (set.type == dns::type::A || set.type == dns::type::AAAA || set.type == dns::type::CNAME)
        fail(g.pos, "group " + dns::to_text(g.owner) + " also has static " + type_text(set.type) +
                        " records; a group's addresses come from its pools");
  }

  // Empty non-terminals: every name between an owner and the apex exists (RFC 4592 2.2.2).
  // Group owners are nodes even with no records of their own.
  // Every node's parent is interned, the new ones (ENTs) visited in turn, so each
  // node's parent is looked up exactly once; packing reuses it.
  for (const auto& g : groups_) intern(g.owner);
  std::vector<uint32_t> parent;
  parent.reserve(pending_.size());
  std::string up;
  for (uint32_t n = 0; n < pending_.size(); ++n) {
    std::string_view name = name_of(pending_[n]);
    if (name.size() <= origin_.size()) {  // the apex: every other owner is below it
      parent.push_back(kNone);
      continue;
    }
    up.assign(dns::parent_of(name));  // intern() may move names_
    parent.push_back(intern(up));
  }

  struct Item {
    std::string_view name;
    uint32_t node;  // in pending_
    int labels;
  };
  std::vector<Item> items;
  items.reserve(pending_.size());
  for (uint32_t n = 0; n < pending_.size(); ++n)
    items.push_back({name_of(pending_[n]), n, dns::label_count(name_of(pending_[n]))});
  // Parents before children; the apex (fewest labels) becomes node 0.
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.labels < b.labels; });

  auto z = std::make_unique<Zone>();
  z->origin_ = origin_;
  z->origin_labels_ = static_cast<uint8_t>(dns::label_count(origin_));
  z->source_ = source_;
  z->nodes_.resize(items.size());
  std::size_t slots = 16;
  while (slots < items.size() * 2) slots <<= 1;
  z->slots_.assign(slots, kNone);
  z->mask_ = slots - 1;
  std::size_t name_bytes = 0, rdata_bytes = 0, set_count = 0;
  for (auto& it : items) name_bytes += it.name.size();
  set_count = sets_.size();
  for (uint32_t k : kept_) rdata_bytes += 2 + rrs_[k].rdata_len;
  z->names_.reserve(name_bytes);
  std::vector<uint32_t> placed(pending_.size());  // pending index -> node index
  z->rdata_.reserve(rdata_bytes);
  z->rrsets_.reserve(set_count);

  for (uint32_t i = 0; i < items.size(); ++i) {
    Item& it = items[i];
    placed[it.node] = i;
    Node& n = z->nodes_[i];
    n.name_off = static_cast<uint32_t>(z->names_.size());
    n.name_len = static_cast<uint8_t>(it.name.size());
    n.labels = static_cast<uint8_t>(it.labels);
    z->names_.append(it.name);
    std::size_t slot = hash_name(it.name) & z->mask_;
    while (z->slots_[slot] != kNone) slot = (slot + 1) & z->mask_;
    z->slots_[slot] = i;

    auto sets = sets_of(it.node);  // sorted by type
    n.rrset_off = static_cast<uint32_t>(z->rrsets_.size());
    n.rrset_count = static_cast<uint16_t>(sets.size());
    bool has_ns = false;
    for (auto& s : sets) {
      RRset r;
      r.type = s.type;
      r.ttl = s.ttl;
      r.count = static_cast<uint16_t>(s.count);
      r.rdata_off = static_cast<uint32_t>(z->rdata_.size());
      for (uint32_t k : std::span(kept_).subspan(s.first, s.count)) {
        std::string_view d = rdata_of(rrs_[k]);
        append_rdata(z->rdata_, d);
        z->digest_ += rr_digest(it.name, s.type, s.ttl, d);
      }
      z->rrsets_.push_back(r);
      has_ns |= s.type == dns::type::NS;
    }
    if (i == 0) {
      n.flags |= kNodeApex;
    } else {
      n.parent = placed[parent[it.node]];
      const Node& parent = z->nodes_[n.parent];
      // The topmost cut wins: everything below it is occluded (glue at most).
      n.cut = parent.cut;
      if (n.cut == kNone && has_ns) n.cut = i;
      if (has_ns) n.flags |= kNodeDelegation;
      if (it.name[0] == 1 && it.name[1] == '*') z->nodes_[n.parent].wildcard = i;
    }
    if (sets.empty()) n.flags |= kNodeEmpty;
  }
  for (const auto& g : groups_) {
    z->digest_ += fnv1a(g.owner) * 0xC2B2AE3D27D4EB4Full;  // where groups are is data too
    uint32_t i = z->find(g.owner);
    Node& n = z->nodes_[i];
    if (n.cut != kNone)
      fail(g.pos, "group " + dns::to_text(g.owner) + " is at or below the zone cut " +
                      dns::to_text(z->name(z->nodes_[n.cut])));
    n.flags = static_cast<uint16_t>((n.flags | kNodeGroup) & ~kNodeEmpty);
    z->group_nodes_.push_back(i);
  }
  // The builder is spent; give its memory back before the zone is compiled.
  pending_ = {};
  last_ = kNone;
  slots_ = {};
  names_ = {};
  rrs_ = {};
  rdata_ = {};
  sets_ = {};
  node_sets_ = {};
  kept_ = {};
  return z;
}

}  // namespace flipdns::zone
