#include "zones/validator.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"
#include "resolver/zone/zone_error.h"
#include "zones/group_validator.h"
#include "zones/rdata_text.h"
#include "zones/static_zone.h"

namespace flipdns::zones {
namespace {

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  return s;
}

bool is_dnssec_meta(uint16_t t) {
  return t == dns::type::RRSIG || t == dns::type::NSEC;
}

class ZoneValidator {
 public:
  ZoneValidator(const ZoneConfig& z, ConfigErrors& errors, bool build)
      : z_(z), errors_(errors), build_(build), by_owner_(z.records.size()) {}

  void run() {
    check_file_name();
    check_range(z_.ttl, 0, limits::kMaxTtl, "ttl");
    check_soa();
    if (!z_.has_origin()) return;  // the loader said why; nothing else can be placed
    index_records();
    check_ns();
    check_records();
    validate_groups(z_, by_owner_, errors_);
    if (build_ && clean()) check_build();
  }

 private:
  void error(const Location& at, std::string message) {
    add_error(errors_, at, std::move(message));
  }

  void check_range(const Located<int64_t>& v, int64_t lo, int64_t hi, const std::string& what) {
    if (v.value < lo || v.value > hi)
      error(v.at, what + ": " + std::to_string(v.value) + " is out of range (" +
                      std::to_string(lo) + " to " + std::to_string(hi) + " seconds)");
  }

  // A zone lives in the file named for it, so a reviewer finds it and two files
  // cannot both claim it without the set check seeing.
  void check_file_name() {
    if (!z_.has_origin()) return;
    std::string file = std::filesystem::path(z_.file).filename().string();
    std::string expected =
        z_.name == "." ? "root.yaml" : z_.name.substr(0, z_.name.size() - 1) + ".yaml";
    if (lower_ascii(file) != lower_ascii(expected))
      error(z_.origin.at, "zone " + z_.name + " does not match the file name " + file +
                              " (expected " + expected + ")");
  }

  void check_soa() {
    const Soa& s = z_.soa;
    if (s.serial.value < 0 || s.serial.value > limits::kMaxSerial)
      error(s.serial.at, "serial: " + std::to_string(s.serial.value) + " is out of range (0 to " +
                             std::to_string(limits::kMaxSerial) + ")");
    check_range(s.refresh, 0, limits::kMaxTtl, "refresh");
    check_range(s.retry, 0, limits::kMaxTtl, "retry");
    check_range(s.expire, 0, limits::kMaxTtl, "expire");
    check_range(s.minimum, 0, limits::kMaxSoaMinimum, "minimum");
  }

  void index_records() {
    constexpr std::size_t kAhead = 8;  // see RecordsByOwner::prefetch
    const auto& records = z_.records;
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (i + kAhead < records.size()) by_owner_.prefetch(records[i + kAhead].owner.value);
      const Record& r = records[i];
      if (!dns::is_subdomain(r.owner.value, z_.origin.value)) {
        error(r.owner.at,
              "owner " + dns::to_text(r.owner.value) + " is outside the zone " + z_.name);
        continue;
      }
      by_owner_.add(r);
    }
    by_owner_.seal();
  }

  void check_ns() {
    for (std::size_t i = 0; i < z_.ns.size(); ++i) {
      const auto& ns = z_.ns[i];
      auto first = std::find_if(z_.ns.begin(), z_.ns.begin() + static_cast<std::ptrdiff_t>(i),
                                [&](const auto& o) { return o.value == ns.value; });
      if (first != z_.ns.begin() + static_cast<std::ptrdiff_t>(i)) {
        error(ns.at, "duplicate name server " + dns::to_text(ns.value) + " (first at " +
                         describe(first->at, z_.file) + ")");
        continue;
      }
      // A name server inside the zone needs an address here or resolvers cannot reach it.
      if (!dns::is_subdomain(ns.value, z_.origin.value)) continue;
      bool has_address = std::any_of(z_.groups.begin(), z_.groups.end(),
                                     [&](const Group& g) { return g.owner.value == ns.value; });
      for (const Record* r : by_owner_.find(ns.value))
        has_address |= r->type.value == dns::type::A || r->type.value == dns::type::AAAA;
      if (!has_address)
        error(ns.at, "name server " + dns::to_text(ns.value) +
                         " is inside the zone but has no A or AAAA record");
    }
  }

  void check_records() {
    for (std::size_t n = 0; n < by_owner_.size(); ++n) {
      std::string_view owner = by_owner_.owner(n);
      std::span<const Record* const> records = by_owner_.records(n);
      const Record* cname = nullptr;
      for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = *records[i];
        // Only messages need the type's name; most records have none.
        auto type = [&] { return rr_type_name(r.type.value); };
        // A TTL left out is the zone's, whose range was checked above.
        bool inherited = r.ttl.at.line == r.at.line && r.ttl.at.column == r.at.column;
        if (!inherited) check_range(r.ttl, 0, limits::kMaxTtl, "ttl");
        if (is_meta_type(r.type.value)) {
          error(r.type.at, "type " + type() + " cannot appear in a zone");
          continue;
        }
        if (r.type.value == dns::type::SOA) {
          error(r.type.at, "SOA records come from the zone's soa key");
          continue;
        }
        if (r.type.value == dns::type::NS && owner == z_.origin.value) {
          error(r.type.at, "NS records at the apex come from the zone's ns key");
          continue;
        }
        if (r.type.value == dns::type::CNAME) {
          if (owner == z_.origin.value) {
            error(r.type.at, "CNAME at the zone apex, which holds the SOA and NS records");
            continue;
          }
          if (cname != nullptr) {
            error(r.type.at, "more than one CNAME at " + dns::to_text(owner) + " (first at " +
                                 describe(cname->at, r.at.file) + ")");
            continue;
          }
          cname = &r;
        }
        // Same RRset seen before: the same data again, or a TTL that disagrees.
        for (std::size_t j = 0; j < i; ++j) {
          const Record& o = *records[j];
          if (o.type.value != r.type.value) continue;
          if (o.rdata == r.rdata) {
            error(r.at, "duplicate record " + type() + " at " + dns::to_text(owner) +
                            " (first at " + describe(o.at, r.at.file) + ")");
            break;
          }
          if (o.ttl.value != r.ttl.value) {
            error(r.ttl.at, "ttl: " + std::to_string(r.ttl.value) + " differs from ttl " +
                                std::to_string(o.ttl.value) + " of the same " + type() +
                                " RRset at " + describe(o.at, r.at.file) +
                                "; an RRset has one TTL");
            break;
          }
        }
      }
      if (cname == nullptr) continue;
      for (const Record* r : records)
        if (r->type.value != dns::type::CNAME && !is_dnssec_meta(r->type.value)) {
          error(cname->type.at, "CNAME at " + dns::to_text(owner) + " beside other data (" +
                                    rr_type_name(r->type.value) + " at " +
                                    describe(r->at, cname->at.file) + ")");
          break;
        }
    }
  }

  // Nothing reported against this zone's files, by the loader or above.
  bool clean() const {
    std::string include = z_.include_path.string();
    return std::none_of(errors_.begin(), errors_.end(), [&](const ConfigError& e) {
      return e.file == z_.file || (!include.empty() && e.file == include);
    });
  }

  // The last word goes to the code the server loads with; anything it refuses
  // that the checks above let through is reported like any other error.
  void check_build() {
    try {
      static_zone_builder(z_).build();
    } catch (const zone::ZoneError& e) {
      errors_.push_back(build_error(z_, e));
    }
  }

  const ZoneConfig& z_;
  ConfigErrors& errors_;
  bool build_;
  RecordsByOwner by_owner_;
};

}  // namespace

void validate_zone(const ZoneConfig& zone, ConfigErrors& errors, bool build) {
  ZoneValidator(zone, errors, build).run();
}

ConfigError build_error(const ZoneConfig& zone, const zone::ZoneError& e) {
  ConfigError out{e.file(), e.line(), 0, e.reason()};
  for (const Record& r : zone.records)
    if (r.at.file == e.file() && r.at.line == e.line()) {
      out.column = r.at.column;
      return out;
    }
  // Records take_static_zone_builder took left only their places.
  std::string include = zone.include_path.string();
  for (const ZoneConfig::RecordPlace& p : zone.taken_records)
    if ((p.from_include ? include : zone.file) == e.file() && p.line == e.line()) {
      out.column = p.column;
      break;
    }
  return out;
}

void validate_zone_set(const std::vector<ZoneConfig>& zones, ConfigErrors& errors) {
  std::map<std::string, const ZoneConfig*> seen;
  for (const ZoneConfig& z : zones) {
    if (!z.has_origin()) continue;
    auto [it, fresh] = seen.emplace(z.origin.value, &z);
    if (!fresh)
      add_error(errors, z.origin.at,
                "zone " + z.name + " is also defined in " + it->second->file + " (" +
                    describe(it->second->origin.at, it->second->file) + ")");
  }
}

}  // namespace flipdns::zones
