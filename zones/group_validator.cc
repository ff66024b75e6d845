#include "zones/group_validator.h"

#include <algorithm>

#include "common/settings/duration.h"
#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"
#include "zones/rdata_text.h"
#include "zones/validator.h"

namespace flipdns::zones {
namespace {

class GroupValidator {
 public:
  GroupValidator(const ZoneConfig& z, const RecordsByOwner& records, ConfigErrors& errors)
      : z_(z), records_(records), errors_(errors) {
    for (std::size_t i = 0; i < records_.size(); ++i)
      if (records_.owner(i) != z_.origin.value)
        for (const Record* r : records_.records(i))
          if (r->type.value == dns::type::NS) {
            cuts_.push_back(r);
            break;
          }
    // By name, so the cut a message names does not depend on hashing.
    std::sort(cuts_.begin(), cuts_.end(),
              [](const Record* a, const Record* b) { return a->owner.value < b->owner.value; });
  }

  void run() {
    for (std::size_t i = 0; i < z_.groups.size(); ++i) {
      const Group& g = z_.groups[i];
      if (!check_owner(g, i)) continue;
      check_int(g.ttl, limits::kMinGroupTtl, limits::kMaxGroupTtl, "ttl", " seconds");
      if (g.check.given) check_check(g.check);
      check_pools(g);
      check_policy(g);
    }
  }

 private:
  void error(const Location& at, std::string message) {
    add_error(errors_, at, std::move(message));
  }

  void check_int(const Located<int64_t>& v, int64_t lo, int64_t hi, const std::string& what,
                 const std::string& unit = "") {
    if (v.value < lo || v.value > hi)
      error(v.at, what + ": " + std::to_string(v.value) + " is out of range (" +
                      std::to_string(lo) + " to " + std::to_string(hi) + unit + ")");
  }
  void check_duration(const Located<Millis>& v, Millis lo, Millis hi, const std::string& what) {
    if (v.value < lo || v.value > hi)
      error(v.at, what + ": " + format_duration(v.value) + " is out of range (" +
                      format_duration(lo) + " to " + format_duration(hi) + ")");
  }

  // Returns false when nothing more about the group can be said.
  bool check_owner(const Group& g, std::size_t index) {
    const std::string& owner = g.owner.value;
    if (!dns::is_subdomain(owner, z_.origin.value)) {
      error(g.owner.at, "group owner " + g.name + " is outside the zone " + z_.name);
      return false;
    }
    for (std::size_t j = 0; j < index; ++j)
      if (z_.groups[j].owner.value == owner) {
        error(g.owner.at, "duplicate group " + g.name + " (first at " +
                              describe(z_.groups[j].owner.at, z_.file) + ")");
        return false;
      }
    // The group's addresses come from its decision; a static address or alias at
    // the same name would be served beside it, or instead of it.
    for (const Record* r : records_.find(owner)) {
      uint16_t t = r->type.value;
      if (t == dns::type::A || t == dns::type::AAAA || t == dns::type::CNAME)
        error(g.owner.at, "group " + g.name + " also has a static " + rr_type_name(t) +
                              " record (" + describe(r->at, z_.file) +
                              "); its addresses come from its pools");
    }
    for (const Record* cut : cuts_)
      if (dns::is_subdomain(owner, cut->owner.value)) {
        error(g.owner.at, "group " + g.name + " is at or below the delegation " +
                              dns::to_text(cut->owner.value) + " (" + describe(cut->at, z_.file) +
                              "); its answers would come from the child zone");
        break;
      }
    return true;
  }

  void check_check(const Check& c) {
    check_int(c.port, 1, 65535, "port");
    bool http = c.type.value != CheckType::kTcp;
    if (http) {
      if (c.method.value != "GET" && c.method.value != "HEAD")
        error(c.method.at,
              "method: \"" + c.method.value + "\" is not a check method (GET or HEAD)");
      // A HEAD response carries no body, so a body expectation could never pass.
      if (c.method.value == "HEAD" && !c.body.value.empty())
        error(c.body.at, "body: a HEAD check gets no body to search; use GET");
      if (c.path.value.empty() || c.path.value[0] != '/')
        error(c.path.at, "path: \"" + c.path.value + "\" must start with /");
      if (c.host.value.find_first_of(" \t") != std::string::npos)
        error(c.host.at, "host: \"" + c.host.value + "\" is not a host name");
      for (const auto& code : c.expect.value) check_int(code, 100, 599, "expect");
    }
    // The default timeout is half the interval: with a bad interval it is bad too,
    // and saying so twice would send the reader to a line they never wrote.
    if (c.interval.value < limits::kMinInterval || c.interval.value > limits::kMaxInterval)
      check_duration(c.interval, limits::kMinInterval, limits::kMaxInterval, "interval");
    else if (c.timeout.value < limits::kMinTimeout)
      error(c.timeout.at, "timeout: " + format_duration(c.timeout.value) + " is shorter than " +
                              format_duration(limits::kMinTimeout));
    else if (c.timeout.value >= c.interval.value)
      error(c.timeout.at, "timeout: " + format_duration(c.timeout.value) +
                              " must be shorter than the interval " +
                              format_duration(c.interval.value));
    check_int(c.rise, 1, limits::kMaxRiseFall, "rise");
    check_int(c.fall, 1, limits::kMaxRiseFall, "fall");
  }

  void check_pools(const Group& g) {
    for (std::size_t i = 0; i < g.pools.size(); ++i) {
      const Pool& p = g.pools[i];
      for (std::size_t j = 0; j < i && !p.name.value.empty(); ++j)
        if (g.pools[j].name.value == p.name.value) {
          error(p.name.at, "duplicate pool name \"" + p.name.value + "\" (first at " +
                               describe(g.pools[j].name.at, z_.file) + ")");
          break;
        }
      for (std::size_t m = 0; m < p.members.size(); ++m)
        for (std::size_t k = 0; k < m; ++k)
          if (p.members[k].address == p.members[m].address) {
            error(p.members[m].at, "duplicate member " + p.members[m].address.to_string() +
                                       " in pool \"" + p.name.value + "\" (first at " +
                                       describe(p.members[k].at, z_.file) + ")");
            break;
          }
      if (p.min_healthy.value < 1)
        error(p.min_healthy.at, "min_healthy: " + std::to_string(p.min_healthy.value) +
                                    " is out of range (at least 1)");
      else if (p.members_listed > 0 && p.min_healthy.value > static_cast<int64_t>(p.members_listed))
        error(p.min_healthy.at, "min_healthy: " + std::to_string(p.min_healthy.value) +
                                    " is more than the " + std::to_string(p.members_listed) +
                                    " members of pool \"" + p.name.value + "\"");
    }
  }

  void check_policy(const Group& g) {
    const Policy& p = g.policy;
    check_duration(p.hold_down, Millis{0}, limits::kMaxHoldDown, "hold_down");
    check_duration(p.failback_after, Millis{0}, limits::kMaxFailbackAfter, "after");
    for (const auto& name : p.manual_pools) {
      bool known = std::any_of(g.pools.begin(), g.pools.end(),
                               [&](const Pool& pool) { return pool.name.value == name.value; });
      if (known) continue;
      std::string names;
      for (const Pool& pool : g.pools) {
        if (pool.name.value.empty()) continue;
        if (!names.empty()) names += ", ";
        names += pool.name.value;
      }
      error(name.at,
            "manual_pools: unknown pool \"" + name.value + "\" (the group's pools: " + names + ")");
    }
  }

  const ZoneConfig& z_;
  const RecordsByOwner& records_;
  ConfigErrors& errors_;
  std::vector<const Record*> cuts_;  // one NS record per delegation below the apex
};

}  // namespace

void validate_groups(const ZoneConfig& zone, const RecordsByOwner& records, ConfigErrors& errors) {
  GroupValidator(zone, records, errors).run();
}

}  // namespace flipdns::zones
