// Collects RRs from any source (master file, YAML), checks them as a whole and
// packs them into an immutable Zone. Every error names the file and line of the
// RR that caused it.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "resolver/zone/zone.h"
#include "resolver/zone/zone_error.h"

namespace flipdns::zone {

class ZoneBuilder {
 public:
  // `origin`: wire format, any case. `source`: a label for status and errors.
  ZoneBuilder(std::string_view origin, std::string source);

  // Adds one RR. `owner` is wire format (any case); `rdata` is uncompressed wire.
  // Duplicates are dropped (RFC 2181 5); an RRset whose TTLs differ is served
  // with the lowest (RFC 2181 5.2). Throws ZoneError for an owner outside the
  // zone or a class other than IN.
  void add(std::string_view owner, uint16_t type, uint32_t ttl, std::string_view rdata,
           const std::string& file, int line);

  // Declares a failover group owned by `owner`: its A and AAAA come from
  // decisions, not from records. Groups are numbered in the order declared.
  // build() rejects an owner that also has static A, AAAA or CNAME records, or
  // sits at or below a zone cut.
  void add_group(std::string_view owner, const std::string& file, int line);

  // Checks the zone as a whole (one SOA at the apex, NS at the apex, CNAME beside
  // other data, ...), adds empty non-terminals, marks cuts and wildcards and packs
  // everything. Throws ZoneError naming the first offending RR.
  std::unique_ptr<Zone> build();

  std::size_t rr_count() const { return rr_count_; }

  // Sizes the pending tables for about `records` RRs up front, so a large zone
  // is not rehashed and copied as they grow. A hint only: more or fewer is fine.
  void expect_records(std::size_t records);

 private:
  struct Pos {
    uint32_t file;  // index into files_
    int line;
  };
  // One RR as added: bucketed by node and merged into RRsets only in build().
  // (A vector of sets per node and of strings per set cost two to three heap
  // blocks per name: most of a million-name load's malloc and free.)
  struct PendingRR {
    uint32_t node;       // index into pending_ (into runs_ until resolve_owners())
    uint32_t rdata_off;  // in rdata_
    uint16_t rdata_len;
    uint16_t type;
    uint32_t ttl;
    Pos pos;
  };
  struct PendingNode {
    uint32_t name_off;  // in names_
    uint8_t name_len;
  };
  // An RRset merged from pending RRs: lowest TTL, duplicates dropped, rdata in
  // the order first seen; `pos` is its first RR's.
  struct MergedSet {
    uint16_t type;
    uint32_t ttl;
    Pos pos;
    uint32_t first;  // its RRs: kept_[first .. first + count)
    uint32_t count;
  };
  struct PendingGroup {
    std::string owner;
    Pos pos;
  };
  [[noreturn]] void fail(const Pos& pos, const std::string& reason) const;
  uint32_t file_index(const std::string& file);

  std::string origin_;
  std::string source_;
  std::vector<std::string> files_;
  std::string_view name_of(const PendingNode& n) const {
    return {names_.data() + n.name_off, n.name_len};
  }
  // The slot holding the node of a lower-case wire name, or the empty slot it
  // would take. `hash` is hash_name(name).
  std::size_t slot_of(std::string_view name, uint64_t hash) const;
  // The node in `slot`, or a new one named `name` (in names_) put there.
  uint32_t node_at(std::size_t slot, PendingNode name);
  // The node of a lower-case wire name, or kNone.
  uint32_t find_pending(std::string_view name) const;
  // The node of a lower-case wire name, added empty if new. May move pending_.
  uint32_t intern(std::string_view name);
  // A name table of `slots` (a power of two) holding every pending node.
  void rehash(std::size_t slots);
  // Grows the name table, if needed, to hold `nodes` at most half full.
  void reserve_nodes(std::size_t nodes);

  std::string_view rdata_of(const PendingRR& r) const {
    return {rdata_.data() + r.rdata_off, r.rdata_len};
  }
  // Interns every run's owner, in the order added, and points each RR at its node.
  void resolve_owners();
  // Merges rrs_ into sets_ (per node: node_sets_[n] .. node_sets_[n + 1]).
  void merge_sets();
  std::span<const MergedSet> sets_of(uint32_t node) const {
    if (node + 1 >= node_sets_.size()) return {};  // a node interned after merging
    return {sets_.data() + node_sets_[node], node_sets_[node + 1] - node_sets_[node]};
  }

  // By lower-case wire name: each name stored once in an arena and found through
  // an open-addressing table of node numbers. (A node-based map keyed by
  // std::string spent a third of a million-name load in malloc and free.) Nodes
  // keep the order names were first seen.
  std::string names_;
  std::vector<PendingNode> pending_;
  std::vector<uint32_t> slots_;  // kNone or an index into pending_
  uint32_t last_ = kNone;        // what intern() returned last
  std::string scratch_;          // add()'s lower-cased owner, reused
  // Owners as added, one per run of RRs with the same owner (a master file lists
  // a name's RRs together), each name in names_; interned only in build().
  std::vector<PendingNode> runs_;
  std::vector<PendingRR> rrs_;
  std::string rdata_;  // every pending RR's rdata, back to back
  std::vector<MergedSet> sets_;
  std::vector<uint32_t> node_sets_;
  std::vector<uint32_t> kept_;  // indices into rrs_
  std::vector<PendingGroup> groups_;
  std::size_t rr_count_ = 0;
};

}  // namespace flipdns::zone
