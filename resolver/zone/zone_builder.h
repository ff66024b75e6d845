// Collects RRs from any source (master file, YAML), checks them as a whole and
// packs them into an immutable Zone. Every error names the file and line of the
// RR that caused it.
#pragma once

#include <cstdint>
#include <memory>
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

 private:
  struct Pos {
    uint32_t file;  // index into files_
    int line;
  };
  struct PendingSet {
    uint16_t type;
    uint32_t ttl;
    std::vector<std::string> rdata;
    Pos pos;
  };
  struct PendingNode {
    uint32_t name_off;  // in names_
    uint8_t name_len;
    std::vector<PendingSet> sets;
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
  // The node of a lower-case wire name, or kNone.
  uint32_t find_pending(std::string_view name) const;
  // The node of a lower-case wire name, added empty if new. May move pending_.
  uint32_t intern(std::string_view name);

  // By lower-case wire name: each name stored once in an arena and found through
  // an open-addressing table of node numbers. (A node-based map keyed by
  // std::string spent a third of a million-name load in malloc and free.) Nodes
  // keep the order names were first seen.
  std::string names_;
  std::vector<PendingNode> pending_;
  std::vector<uint32_t> slots_;  // kNone or an index into pending_
  std::string scratch_;          // add()'s lower-cased owner, reused
  std::vector<PendingGroup> groups_;
  std::size_t rr_count_ = 0;
};

}  // namespace flipdns::zone
