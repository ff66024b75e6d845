#include "zones/yaml_loader.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <limits>
#include <sstream>

#include "resolver/dns/name.h"
#include "zones/include_file.h"
#include "zones/rdata_text.h"
#include "zones/yaml_reader.h"

namespace flipdns::zones {
namespace {

constexpr int64_t kDefaultZoneTtl = 3600;
constexpr int64_t kDefaultGroupTtl = 30;
constexpr Millis kDefaultInterval{2000};
constexpr Millis kDefaultHoldDown{60'000};
constexpr Millis kDefaultFailbackAfter{300'000};

bool valid_pool_name(std::string_view s) {
  if (s.empty() || s.size() > 63) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Include paths stay inside the zones directory: a commit then carries every
// record it serves, and a review sees them.
bool contained_relative(const std::filesystem::path& p) {
  if (p.empty() || p.is_absolute()) return false;
  for (const auto& part : p)
    if (part == "..") return false;
  return true;
}

class ZoneLoader {
 public:
  ZoneLoader(const std::string& label, std::filesystem::path dir, ConfigErrors& errors)
      : r_(label, errors), dir_(std::move(dir)), errors_(errors) {
    z_.file = label;
  }

  ZoneConfig load(std::string_view text) {
    std::vector<YAML::Node> docs;
    try {
      docs = YAML::LoadAll(std::string(text));
    } catch (const YAML::ParserException& e) {
      r_.error(Location{z_.file, e.mark.line + 1, e.mark.column + 1}, "YAML syntax: " + e.msg);
      return std::move(z_);
    }
    z_.at = Location{z_.file, 1, 1};
    if (docs.empty() || docs[0].IsNull()) {
      r_.error(Location{z_.file, 0, 0}, "the file is empty; expected a zone (zones/README.md)");
      return std::move(z_);
    }
    if (docs.size() > 1)
      r_.error(r_.at(docs[1]), "a zone file holds one YAML document; found another");
    load_root(docs[0]);
    return std::move(z_);
  }

 private:
  void load_root(const YAML::Node& root) {
    auto m = r_.mapping(root, z_.at, "zone file",
                        {"zone", "ttl", "soa", "ns", "include", "records", "groups"});
    if (!m) return;
    z_.at = m->at;
    if (const Field* f = r_.required(*m, "zone", "zone file")) load_zone_name(*f);
    z_.ttl = {kDefaultZoneTtl, m->at};
    if (const Field* f = m->find("ttl"))
      if (auto v = r_.seconds(*f)) z_.ttl = r_.located(*f, *v);
    if (const Field* f = r_.required(*m, "soa", "zone file")) load_soa(*f);
    z_.ns_at = m->at;
    if (const Field* f = m->find("ns"))
      load_ns(*f);
    else
      r_.error(m->at, "ns: a zone needs at least one name server");
    if (const Field* f = m->find("records")) load_records(*f);
    if (const Field* f = m->find("include")) load_include(*f);
    if (const Field* f = m->find("groups")) load_groups(*f);
  }

  void load_zone_name(const Field& f) {
    auto s = r_.string(f);
    if (!s) return;
    std::string text = *s;
    if (!text.empty() && text.back() != '.') text += '.';
    auto wire = dns::from_text(text);
    if (!wire) {
      r_.error(r_.at(f), "zone: \"" + *s + "\" is not a domain name");
      return;
    }
    z_.origin = r_.located(f, dns::lowered(*wire));
    z_.name = dns::to_text(z_.origin.value);
  }

  // A name relative to the zone ("www", "@") or absolute ("www.example.com.").
  std::optional<std::string> name(const YAML::Node& n, const Location& at, std::string_view what) {
    auto s = r_.string(n, what);
    if (!s || !z_.has_origin()) return std::nullopt;
    auto wire = dns::from_text(*s, z_.origin.value);
    if (!wire) {
      r_.error(at, std::string(what) + ": \"" + *s + "\" is not a domain name");
      return std::nullopt;
    }
    return dns::lowered(*wire);
  }
  std::optional<Located<std::string>> name(const Field& f) {
    if (!f.value || f.value.IsNull()) {
      r_.error(r_.at(f), f.name + ": missing value");
      return std::nullopt;
    }
    auto v = name(f.value, r_.at(f), f.name);
    if (!v) return std::nullopt;
    return r_.located(f, *v);
  }

  void load_soa(const Field& f) {
    auto m = r_.mapping(f, {"mname", "rname", "serial", "refresh", "retry", "expire", "minimum"});
    Soa& soa = z_.soa;
    soa.at = r_.at(f);
    soa.serial = {1, soa.at};
    soa.refresh = {3600, soa.at};
    soa.retry = {600, soa.at};
    soa.expire = {1209600, soa.at};
    soa.minimum = {60, soa.at};
    if (!m) return;
    soa.at = m->at;
    if (const Field* x = r_.required(*m, "mname", "soa"))
      if (auto v = name(*x)) soa.mname = *v;
    if (const Field* x = r_.required(*m, "rname", "soa"))
      if (auto v = name(*x)) soa.rname = *v;
    if (const Field* x = m->find("serial"))
      if (auto v = r_.integer(*x)) soa.serial = r_.located(*x, *v);
    struct Timer {
      const char* key;
      Located<int64_t>* dest;
    };
    for (Timer t : {Timer{"refresh", &soa.refresh}, Timer{"retry", &soa.retry},
                    Timer{"expire", &soa.expire}, Timer{"minimum", &soa.minimum}})
      if (const Field* x = m->find(t.key))
        if (auto v = r_.seconds(*x)) *t.dest = r_.located(*x, *v);
  }

  void load_ns(const Field& f) {
    z_.ns_at = r_.at(f);
    auto list = r_.sequence(f);
    if (!list) return;
    if (list->empty()) r_.error(r_.at(f), "ns: a zone needs at least one name server");
    for (const YAML::Node& n : *list)
      if (auto v = name(n, r_.at(n), "ns")) z_.ns.push_back({*v, r_.at(n)});
  }

  void load_records(const Field& f) {
    auto list = r_.sequence(f);
    if (!list) return;
    for (const YAML::Node& n : *list) load_record(n);
  }

  void load_record(const YAML::Node& n) {
    auto m = r_.mapping(n, r_.at(n), "record", {"name", "type", "value", "ttl"});
    if (!m) return;
    const Field* name_f = r_.required(*m, "name", "record");
    const Field* type_f = r_.required(*m, "type", "record");
    const Field* value_f = r_.required(*m, "value", "record");
    Record rec;
    rec.at = m->at;
    rec.ttl = z_.ttl;
    rec.ttl.at = m->at;
    if (const Field* x = m->find("ttl"))
      if (auto v = r_.seconds(*x)) rec.ttl = r_.located(*x, *v);
    std::optional<Located<std::string>> owner;
    if (name_f) owner = name(*name_f);
    std::optional<uint16_t> type;
    if (type_f)
      if (auto s = r_.string(*type_f)) {
        uint16_t t = rr_type_by_name(*s);
        if (t == 0)
          r_.error(r_.at(*type_f), "type: unknown record type \"" + *s + "\"");
        else if (is_meta_type(t))
          r_.error(r_.at(*type_f), "type: " + *s + " is not a record type a zone can hold");
        else
          type = t;
      }
    std::optional<std::string> value;
    if (value_f) value = r_.string(*value_f);
    if (!owner || !type || !value) return;
    rec.owner = *owner;
    rec.type = r_.located(*type_f, *type);
    // An out-of-range TTL is the validator's to report; ldns only needs some TTL.
    uint32_t ttl = rec.ttl.value >= 0 && rec.ttl.value <= std::numeric_limits<uint32_t>::max()
                       ? static_cast<uint32_t>(rec.ttl.value)
                       : 0;
    auto parsed = parse_rdata(rec.owner.value, ttl, *type, *value, z_.origin.value);
    if (auto* err = std::get_if<std::string>(&parsed)) {
      r_.error(r_.at(*value_f), "value: \"" + *value + "\" is not valid " + rr_type_name(*type) +
                                    " data (" + *err + ")");
      return;
    }
    auto& ok = std::get<RdataText>(parsed);
    rec.rdata = std::move(ok.rdata);
    z_.records.push_back(std::move(rec));
  }

  void load_include(const Field& f) {
    auto s = r_.string(f);
    if (!s) return;
    z_.include = r_.located(f, *s);
    std::filesystem::path p(*s);
    if (!contained_relative(p)) {
      r_.error(r_.at(f), "include: \"" + *s +
                             "\" must be a relative path inside the zones directory (no \"..\")");
      return;
    }
    z_.include_path = dir_ / p;
    if (!z_.has_origin()) return;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(z_.include_path, ec)) {
      r_.error(r_.at(f), "include: cannot read \"" + z_.include_path.string() + "\"");
      return;
    }
    uint32_t ttl = z_.ttl.value >= 0 && z_.ttl.value <= std::numeric_limits<uint32_t>::max()
                       ? static_cast<uint32_t>(z_.ttl.value)
                       : 0;
    read_include_file(z_.include_path, z_.include_path.string(), z_.origin.value, ttl, z_.records,
                      errors_);
  }

  void load_groups(const Field& f) {
    if (!f.value || f.value.IsNull()) return;
    if (!f.value.IsMap()) {
      r_.error(r_.at(f), "groups: expected a mapping of owner names to groups, found " +
                             std::string(kind_of(f.value)));
      return;
    }
    for (const auto& pair : f.value) {
      Field g{"", pair.first, pair.second};
      auto owner = name(g.key, r_.at(g.key), "group");
      if (!owner) continue;
      g.name = g.key.Scalar();
      load_group(g, *owner);
    }
  }

  void load_group(const Field& f, const std::string& owner) {
    Group g;
    g.owner = {owner, r_.at(f.key)};
    g.name = dns::to_text(owner);
    g.at = r_.at(f.key);
    g.ttl = {kDefaultGroupTtl, g.at};
    g.pools_at = g.at;
    auto m = r_.mapping(f.value, r_.at(f), "group", {"ttl", "check", "policy", "pools"});
    if (!m) return;
    if (const Field* x = m->find("ttl"))
      if (auto v = r_.seconds(*x)) g.ttl = r_.located(*x, *v);
    g.check.at = m->at;
    if (const Field* x = r_.required(*m, "check", "group")) load_check(*x, g.check);
    load_policy(m->find("policy"), m->at, g.policy);
    if (const Field* x = m->find("pools"))
      load_pools(*x, g);
    else
      r_.error(g.at, "group " + g.name + " has no pools");
    z_.groups.push_back(std::move(g));
  }

  void load_check(const Field& f, Check& c) {
    auto m = r_.mapping(f, {"type", "port", "method", "path", "host", "expect", "body",
                            "tls_verify", "interval", "timeout", "rise", "fall"});
    if (!m) return;
    c.given = true;
    c.at = m->at;
    c.type.at = m->at;
    const Field* type_f = r_.required(*m, "type", "check");
    bool type_ok = false;
    if (type_f)
      if (auto s = r_.string(*type_f)) {
        if (*s == "http" || *s == "https" || *s == "tcp") {
          c.type = r_.located(*type_f, *s == "http"    ? CheckType::kHttp
                                       : *s == "https" ? CheckType::kHttps
                                                       : CheckType::kTcp);
          type_ok = true;
        } else {
          r_.error(r_.at(*type_f), "type: \"" + *s + "\" is not a check type (http, https or tcp)");
        }
      }
    bool http = c.type.value != CheckType::kTcp;
    c.port = {c.type.value == CheckType::kHttps ? 443 : 80, m->at};
    if (const Field* x = m->find("port")) {
      if (auto v = r_.integer(*x)) c.port = r_.located(*x, *v);
    } else if (type_ok && !http) {
      r_.error(m->at, "check: a tcp check needs a port");
    }
    // Keys that only mean something to HTTP: refusing them on tcp catches a
    // check that was meant to be http.
    for (const char* key : {"method", "path", "host", "expect", "body", "tls_verify"}) {
      const Field* x = m->find(key);
      if (x == nullptr || !type_ok) continue;
      if (!http) r_.error(r_.at(x->key), std::string(key) + ": only http and https checks use it");
      if (std::string_view(key) == "tls_verify" && c.type.value == CheckType::kHttp)
        r_.error(r_.at(x->key), "tls_verify: only https checks use it");
    }
    c.method = {"GET", m->at};
    if (const Field* x = m->find("method"))
      if (auto v = r_.string(*x)) c.method = r_.located(*x, *v);
    c.path = {"/", m->at};
    if (const Field* x = m->find("path"))
      if (auto v = r_.string(*x)) c.path = r_.located(*x, *v);
    c.host = {"", m->at};
    if (const Field* x = m->find("host"))
      if (auto v = r_.string(*x)) c.host = r_.located(*x, *v);
    c.body = {"", m->at};
    if (const Field* x = m->find("body"))
      if (auto v = r_.string(*x)) c.body = r_.located(*x, *v);
    c.tls_verify = {true, m->at};
    if (const Field* x = m->find("tls_verify"))
      if (auto v = r_.boolean(*x)) c.tls_verify = r_.located(*x, *v);
    c.expect = {{{200, m->at}}, m->at};
    if (const Field* x = m->find("expect")) load_expect(*x, c);
    c.interval = {kDefaultInterval, m->at};
    if (const Field* x = m->find("interval"))
      if (auto v = r_.duration(*x)) c.interval = r_.located(*x, *v);
    c.timeout = {c.interval.value / 2, m->at};
    if (const Field* x = m->find("timeout"))
      if (auto v = r_.duration(*x)) c.timeout = r_.located(*x, *v);
    c.rise = {2, m->at};
    if (const Field* x = m->find("rise"))
      if (auto v = r_.integer(*x)) c.rise = r_.located(*x, *v);
    c.fall = {3, m->at};
    if (const Field* x = m->find("fall"))
      if (auto v = r_.integer(*x)) c.fall = r_.located(*x, *v);
  }

  void load_expect(const Field& f, Check& c) {
    c.expect = {{}, r_.at(f)};
    if (f.value && f.value.IsScalar()) {  // expect: 200
      if (auto v = r_.integer(f)) c.expect.value.push_back(r_.located(f, *v));
      return;
    }
    auto list = r_.sequence(f);
    if (!list) return;
    if (list->empty()) r_.error(r_.at(f), "expect: list at least one HTTP status");
    for (const YAML::Node& n : *list)
      if (auto v = r_.integer(n, "expect")) c.expect.value.push_back({*v, r_.at(n)});
  }

  void load_policy(const Field* f, const Location& group_at, Policy& p) {
    p.at = group_at;
    p.hold_down = {kDefaultHoldDown, group_at};
    p.failback = {Failback::kManual, group_at};
    p.failback_after = {kDefaultFailbackAfter, group_at};
    if (f == nullptr) return;
    auto m = r_.mapping(*f, {"hold_down", "failback", "manual_pools"});
    if (!m) return;
    p.at = m->at;
    if (const Field* x = m->find("hold_down"))
      if (auto v = r_.duration(*x)) p.hold_down = r_.located(*x, *v);
    if (const Field* x = m->find("failback")) load_failback(*x, p);
    if (const Field* x = m->find("manual_pools"))
      if (auto list = r_.sequence(*x))
        for (const YAML::Node& n : *list)
          if (auto s = r_.string(n, "manual_pools")) p.manual_pools.push_back({*s, r_.at(n)});
  }

  std::optional<Failback> failback_mode(const YAML::Node& n, std::string_view what) {
    auto s = r_.string(n, what);
    if (!s) return std::nullopt;
    if (*s == "manual") return Failback::kManual;
    if (*s == "auto") return Failback::kAuto;
    r_.error(r_.at(n), std::string(what) + ": \"" + *s + "\" is not manual or auto");
    return std::nullopt;
  }

  // failback: manual | auto | {mode: manual | auto, after: DURATION}
  void load_failback(const Field& f, Policy& p) {
    if (f.value && f.value.IsScalar()) {
      if (auto mode = failback_mode(f.value, "failback")) p.failback = r_.located(f, *mode);
      return;
    }
    auto m = r_.mapping(f, {"mode", "after"});
    if (!m) return;
    const Field* mode_f = r_.required(*m, "mode", "failback");
    std::optional<Failback> mode;
    if (mode_f) {
      if (!mode_f->value || mode_f->value.IsNull())
        r_.error(r_.at(*mode_f), "mode: missing value");
      else
        mode = failback_mode(mode_f->value, "mode");
    }
    if (mode) p.failback = r_.located(*mode_f, *mode);
    if (const Field* x = m->find("after")) {
      if (mode == Failback::kManual)
        r_.error(r_.at(x->key),
                 "after: only automatic failback waits; remove it or use mode: auto");
      if (auto v = r_.duration(*x)) p.failback_after = r_.located(*x, *v);
    }
  }

  void load_pools(const Field& f, Group& g) {
    g.pools_at = r_.at(f);
    auto list = r_.sequence(f);
    if (!list) return;
    if (list->empty()) r_.error(g.pools_at, "group " + g.name + " has no pools");
    for (const YAML::Node& n : *list) {
      auto m = r_.mapping(n, r_.at(n), "pool", {"name", "min_healthy", "members"});
      if (!m) continue;
      Pool pool;
      pool.at = m->at;
      pool.name.at = m->at;
      pool.min_healthy = {1, m->at};
      pool.members_at = m->at;
      if (const Field* x = r_.required(*m, "name", "pool"))
        if (auto s = r_.string(*x)) {
          if (valid_pool_name(*s))
            pool.name = r_.located(*x, *s);
          else
            r_.error(r_.at(*x), "name: pool name \"" + *s +
                                    "\" may hold only letters, digits, \"-\" and \"_\" (1 to 63)");
        }
      if (const Field* x = m->find("min_healthy"))
        if (auto v = r_.integer(*x)) pool.min_healthy = r_.located(*x, *v);
      std::optional<std::vector<YAML::Node>> members;
      if (const Field* x = m->find("members")) {
        pool.members_at = r_.at(*x);
        members = r_.sequence(*x);
      } else {
        members.emplace();
      }
      if (members && members->empty())
        r_.error(pool.members_at, "pool \"" + pool.name.value + "\" has no members");
      for (const YAML::Node& mn : members.value_or(std::vector<YAML::Node>{})) {
        ++pool.members_listed;
        auto s = r_.string(mn, "members");
        if (!s) continue;
        if (auto addr = IpAddress::parse(*s))
          pool.members.push_back(Member{*addr, r_.at(mn)});
        else
          r_.error(r_.at(mn), "member \"" + *s + "\" is not an IPv4 or IPv6 address");
      }
      g.pools.push_back(std::move(pool));
    }
  }

  YamlReader r_;
  std::filesystem::path dir_;
  ConfigErrors& errors_;
  ZoneConfig z_;
};

}  // namespace

ZoneConfig parse_zone_yaml(std::string_view text, const std::string& label,
                           const std::filesystem::path& dir, ConfigErrors& errors) {
  return ZoneLoader(label, dir, errors).load(text);
}

ZoneConfig load_zone_file(const std::filesystem::path& path, ConfigErrors& errors,
                          const std::string& label) {
  std::string name = label.empty() ? path.string() : label;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    add_error(errors, Location{name, 0, 0}, "cannot read the file");
    ZoneConfig z;
    z.file = name;
    return z;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_zone_yaml(ss.str(), name, path.parent_path(), errors);
}

}  // namespace flipdns::zones
