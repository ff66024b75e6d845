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

namespace flipdns::zone {

inline constexpr uint32_t kNone = 0xffffffffu;

// FNV-1a over a lower-case wire name: cheap on the short keys DNS has.
inline uint64_t hash_name(std::string_view lower_name) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : lower_name) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

struct RRset {
  uint16_t type = 0;
  uint16_t count = 0;  // number of RRs
  uint32_t ttl = 0;
  uint32_t rdata_off = 0;  // into Zone::rdata_: count x [len:16][rdata]
};

// One compiled response body: the answer, authority and additional sections,
// ready to copy after the question. Pointers into the question or into the body
// were written for a question name of `qname_len` octets; `relocs` lists the
// pointers to move when the actual question name is longer or shorter (wildcard
// and negative answers are shared by many names).
struct Answer {
  uint32_t wire_off = 0;
  uint16_t wire_len = 0;           // whole body
  uint16_t no_additional_len = 0;  // answer + authority only
  uint16_t ancount = 0, nscount = 0, arcount = 0;
  uint16_t reloc_count = 0;
  uint32_t reloc_off = 0;  // into Zone::relocs_
  uint8_t rcode = 0;
  uint8_t qname_len = 0;
  uint8_t flags = 0;  // kAnswerAuthoritative | kAnswerNeedsAdditional
};
inline constexpr uint8_t kAnswerAuthoritative = 1;
// The additional section holds glue a referral cannot go without (RFC 9471): when
// it does not fit, the response is truncated rather than sent without it.
inline constexpr uint8_t kAnswerNeedsAdditional = 2;

struct AnswerEntry {
  uint16_t qtype;
  uint32_t answer;  // index into Zone::answers_
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
  // Calls f(std::string_view rdata) for each RR of the set, in zone order.
  template <typename F>
  void for_each_rdata(const RRset& s, F&& f) const {
    const char* p = rdata_.data() + s.rdata_off;
    for (uint16_t i = 0; i < s.count; ++i) {
      std::size_t len = (static_cast<uint8_t>(p[0]) << 8) | static_cast<uint8_t>(p[1]);
      f(std::string_view(p + 2, len));
      p += 2 + len;
    }
  }
  uint32_t apex() const { return 0; }  // the apex is always node 0

  // The compiled answer for `qtype` at node `n`.
  const Answer& answer_for(const Node& n, uint16_t qtype) const {
    const AnswerEntry* e = entries_.data() + n.entry_off;
    for (uint16_t i = 0; i < n.entry_count; ++i)
      if (e[i].qtype == qtype) return answers_[e[i].answer];
    return answers_[n.default_answer];
  }
  const Answer& nxdomain() const { return answers_[nxdomain_]; }
  const Answer& answer(uint32_t i) const { return answers_[i]; }
  const uint8_t* wire(const Answer& a) const { return wire_.data() + a.wire_off; }
  const uint16_t* relocs(const Answer& a) const { return relocs_.data() + a.reloc_off; }

  // SOA serial, for status.
  uint32_t serial() const;

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

  // compiled answers (filled by query::compile_zone through AnswerTables)
  std::vector<AnswerEntry> entries_;
  std::vector<Answer> answers_;
  std::vector<uint8_t> wire_;
  std::vector<uint16_t> relocs_;
  uint32_t nxdomain_ = kNone;
};

// The only door through which compiled answers are written into a zone.
class AnswerTables {
 public:
  explicit AnswerTables(Zone& z) : z_(z) {}
  uint32_t add(Answer a, std::span<const uint8_t> wire, std::span<const uint16_t> relocs);
  void set_entries(uint32_t node, std::span<const AnswerEntry> entries, uint32_t default_answer);
  void set_nxdomain(uint32_t answer) { z_.nxdomain_ = answer; }
  void reserve(std::size_t answers, std::size_t wire_bytes);

 private:
  Zone& z_;
};

}  // namespace flipdns::zone
