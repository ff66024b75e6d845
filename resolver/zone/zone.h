// The zone model: a packed, read-only tree of owner names and their RRsets, plus
// the answers compiled from it. Built by ZoneBuilder, compiled by
// query::compile_zone, then only read.
//
// Memory is laid out in a few flat arrays (names, rdata and compiled wire in byte
// arenas; nodes, RRsets and answers in vectors of small structs) because a
// 1,000,000-name zone must load fast and stay small.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "resolver/zone/answer_table.h"
#include "resolver/zone/name_hash.h"

namespace flipdns::zone {

inline constexpr uint32_t kNone = 0xffffffffu;

struct RRset {
  uint16_t type = 0;
  uint16_t count = 0;  // number of RRs
  uint32_t ttl = 0;
  uint32_t rdata_off = 0;  // into an rdata arena: count x [len:16][rdata]
};

// Calls f(std::string_view rdata) for each RR of the set, in zone order.
template <typename F>
void for_each_rdata(std::string_view arena, const RRset& s, F&& f) {
  const char* p = arena.data() + s.rdata_off;
  for (uint16_t i = 0; i < s.count; ++i) {
    std::size_t len = (static_cast<uint8_t>(p[0]) << 8) | static_cast<uint8_t>(p[1]);
    f(std::string_view(p + 2, len));
    p += 2 + len;
  }
}

// Appends one RR's rdata to an arena in the layout for_each_rdata reads.
inline void append_rdata(std::string& arena, std::string_view rdata) {
  arena.push_back(static_cast<char>(rdata.size() >> 8));
  arena.push_back(static_cast<char>(rdata.size() & 0xff));
  arena.append(rdata);
}

// An answer index with this bit set is a slot in the zone's Overlay (answers that
// depend on a failover group's decision); without it, an index into the zone's
// own static table.
inline constexpr uint32_t kOverlaySlot = 0x80000000u;

struct AnswerEntry {
  uint16_t qtype;
  uint32_t answer;
};

// What an overlay slot holds: the answer for `qtype` at `node` (qtype 0: the
// node's default), recompiled whenever a decision changes.
struct Recipe {
  uint32_t node;
  uint16_t qtype;
  uint8_t match_kind;  // a query::MatchKind
};

struct Node {
  uint32_t name_off = 0;  // into Zone::names_ (lower-case wire)
  uint8_t name_len = 0;
  uint8_t labels = 0;  // not counting the root
  uint16_t flags = 0;
  uint32_t parent = kNone;
  uint32_t cut = kNone;       // delegation at or above this node, inside the zone
  uint32_t wildcard = kNone;  // the "*" child, if any
  uint32_t rrset_off = 0;     // into Zone::rrsets_
  uint16_t rrset_count = 0;
  uint16_t entry_count = 0;
  uint32_t entry_off = 0;           // into Zone::entries_: answers by qtype
  uint32_t default_answer = kNone;  // for any qtype not listed
};
inline constexpr uint16_t kNodeApex = 1;
inline constexpr uint16_t kNodeDelegation = 2;  // NS below the apex: a zone cut
inline constexpr uint16_t kNodeEmpty = 4;       // empty non-terminal
inline constexpr uint16_t kNodeGroup = 8;       // a failover group's owner: A/AAAA from decisions

class Zone {
 public:
  // --- reading (hot path) ---
  std::string_view origin() const { return origin_; }
  uint8_t origin_labels() const { return origin_labels_; }
  const std::string& source() const { return source_; }

  uint32_t find(std::string_view lower_name) const {
    return find(lower_name, hash_name(lower_name));
  }
  uint32_t find(std::string_view lower_name, uint64_t hash) const {
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      uint32_t n = slots_[i];
      if (n == kNone) return kNone;
      const Node& node = nodes_[n];
      if (node.name_len == lower_name.size() &&
          std::string_view(names_.data() + node.name_off, node.name_len) == lower_name)
        return n;
    }
  }
  const Node& node(uint32_t i) const { return nodes_[i]; }
  uint32_t node_count() const { return static_cast<uint32_t>(nodes_.size()); }
  std::string_view name(const Node& n) const { return {names_.data() + n.name_off, n.name_len}; }

  std::span<const RRset> rrsets(const Node& n) const {
    return {rrsets_.data() + n.rrset_off, n.rrset_count};
  }
  const RRset* rrset(const Node& n, uint16_t type) const {
    for (const RRset& s : rrsets(n))
      if (s.type == type) return &s;
    return nullptr;
  }
  std::string_view rdata_arena() const { return rdata_; }
  template <typename F>
  void for_each_rdata(const RRset& s, F&& f) const {
    zone::for_each_rdata(rdata_, s, f);
  }
  uint32_t apex() const { return 0; }  // the apex is always node 0

  // The answer index for `qtype` at node `n` (may carry kOverlaySlot).
  uint32_t answer_index(const Node& n, uint16_t qtype) const {
    const AnswerEntry* e = entries_.data() + n.entry_off;
    for (uint16_t i = 0; i < n.entry_count; ++i)
      if (e[i].qtype == qtype) return e[i].answer;
    return n.default_answer;
  }
  uint32_t nxdomain_index() const { return nxdomain_; }
  const AnswerTable& answers() const { return answers_; }
  std::span<const Recipe> recipes() const { return recipes_; }
  // Failover group i's owner node.
  std::span<const uint32_t> group_nodes() const { return group_nodes_; }

  // SOA serial, for status.
  uint32_t serial() const;

  // A fingerprint of the zone's records, independent of their order: two loads of
  // the same data agree, and a changed record changes it (with overwhelming
  // odds). The served serial moves only when the fingerprint does.
  uint64_t digest() const { return digest_; }

 private:
  friend class ZoneBuilder;
  friend class AnswerTables;

  std::string origin_;  // lower-case wire
  uint8_t origin_labels_ = 0;
  std::string source_;  // where it came from, for status and errors

  std::string names_;
  std::vector<Node> nodes_;
  std::vector<uint32_t> slots_;
  std::size_t mask_ = 0;
  std::vector<RRset> rrsets_;
  std::string rdata_;

  std::vector<uint32_t> group_nodes_;
  uint64_t digest_ = 0;

  // compiled answers (filled by query::compile_zone through AnswerTables)
  std::vector<AnswerEntry> entries_;
  AnswerTable answers_;
  std::vector<Recipe> recipes_;
  uint32_t nxdomain_ = kNone;
};

// The only door through which compiled answers are written into a zone.
class AnswerTables {
 public:
  explicit AnswerTables(Zone& z) : z_(z) {}
  AnswerTable& table() { return z_.answers_; }
  // Registers a decision-dependent answer; returns its overlay slot index.
  uint32_t add_recipe(Recipe r) {
    z_.recipes_.push_back(r);
    return static_cast<uint32_t>(z_.recipes_.size() - 1) | kOverlaySlot;
  }
  void set_entries(uint32_t node, std::span<const AnswerEntry> entries, uint32_t default_answer);
  void set_nxdomain(uint32_t answer) { z_.nxdomain_ = answer; }

 private:
  Zone& z_;
};

}  // namespace flipdns::zone
