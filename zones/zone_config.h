// The parsed model of one zone file (zones/README.md documents every key). Values
// keep the place they were written so the validator, and anything reading the
// model later, can point an operator at the exact line and column.
//
// Names are wire format (length-prefixed labels), lower-cased, absolute.
// Durations are milliseconds; TTLs and SOA timers are seconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "zones/config_error.h"
#include "zones/ip_address.h"

namespace flipdns::zones {

using Millis = std::chrono::milliseconds;

template <typename T>
struct Located {
  T value{};
  Location at;  // where it was written; for a default, the enclosing mapping
};

struct Soa {
  Located<std::string> mname;  // wire
  Located<std::string> rname;  // wire
  Located<int64_t> serial;     // the base serial; the server only ever moves it up
  Located<int64_t> refresh, retry, expire, minimum;
  Location at;
};

// A static record, from the YAML `records` list or from the `include` file.
struct Record {
  Located<std::string> owner;  // wire, lower-case
  Located<uint16_t> type;
  Located<int64_t> ttl;
  std::string rdata;  // uncompressed wire, as ldns encodes it
  Location at;        // the entry: YAML mapping or first line of the master-file RR
  bool from_include = false;
};

enum class CheckType : uint8_t { kHttp, kHttps, kTcp };

struct Check {
  Located<CheckType> type;
  Located<int64_t> port;        // default 80 (http), 443 (https); required for tcp
  Located<std::string> method;  // http(s) only; GET (default) or HEAD
  Located<std::string> path;    // http(s) only; default "/"
  Located<std::string> host;    // http(s) only; Host header and TLS SNI; empty: the member address
  Located<std::vector<Located<int64_t>>> expect;  // http(s) only; default [200]
  Located<std::string> body;  // http(s) only; substring the body must contain; empty: any
  Located<bool> tls_verify;   // https only; default true
  Located<Millis> interval;   // default 2s
  Located<Millis> timeout;    // default: half the interval
  Located<int64_t> rise;      // default 2
  Located<int64_t> fall;      // default 3
  Location at;
  bool given = false;  // false: the group has no readable check (already reported)
};

enum class Failback : uint8_t { kManual, kAuto };

struct Policy {
  Located<Millis> hold_down;                       // default 60s
  Located<Failback> failback;                      // default manual
  Located<Millis> failback_after;                  // auto only; default 5m
  std::vector<Located<std::string>> manual_pools;  // never chosen automatically
  Location at;
};

struct Member {
  IpAddress address;
  Location at;
};

struct Pool {
  Located<std::string> name;
  Located<int64_t> min_healthy;  // default 1
  std::vector<Member> members;
  std::size_t members_listed = 0;  // entries written, readable or not
  Location at;
  Location members_at;
};

struct Group {
  Located<std::string> owner;  // wire, lower-case
  std::string name;            // the group's id: full owner name with trailing dot
  Located<int64_t> ttl;        // default 30
  Check check;
  Policy policy;
  std::vector<Pool> pools;  // in priority order
  Location at;
  Location pools_at;
};

struct ZoneConfig {
  std::string file;             // as found, e.g. "zones/example.com.yaml"
  Located<std::string> origin;  // wire, lower-case; empty when `zone` was unreadable
  std::string name;             // presentation, trailing dot
  Located<int64_t> ttl;         // default TTL of static records; default 3600
  Soa soa;
  std::vector<Located<std::string>> ns;  // wire
  Location ns_at;
  std::optional<Located<std::string>> include;  // as written
  std::filesystem::path include_path;           // resolved against the file's folder
  std::vector<Record> records;                  // YAML records first, then the include file's
  // What take_static_zone_builder (static_zone.h) keeps of the records it
  // frees: where each was, in the same order, for build_error (validator.h).
  struct RecordPlace {
    int line = 0;
    int column = 0;
    bool from_include = false;
  };
  std::vector<RecordPlace> taken_records;
  std::vector<Group> groups;  // in file order
  Location at;

  bool has_origin() const { return !origin.value.empty(); }
};

// Names of the enum values as the YAML spells them.
const char* to_string(CheckType t);
const char* to_string(Failback f);

}  // namespace flipdns::zones
