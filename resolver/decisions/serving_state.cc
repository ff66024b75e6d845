#include "resolver/decisions/serving_state.h"

#include <algorithm>
#include <set>
#include <utility>

#include "resolver/dns/name.h"
#include "resolver/query/answer_compiler.h"
#include "zones/ip_address.h"

namespace flipdns::decisions {
namespace {

Decision default_decision(const GroupSpec& g) {
  Decision d;
  d.group = g.name;
  if (!g.pools.empty()) {
    d.pool = g.pools.front().name;
    d.members = g.pools.front().members;
  }
  return d;
}

// Canonical, de-duplicated member text; nullopt if one is not an address.
std::optional<std::vector<std::string>> canonical(const std::vector<std::string>& members,
                                                  std::string& bad) {
  std::set<std::string> out;
  for (const auto& m : members) {
    auto a = zones::IpAddress::parse(m);
    if (!a) {
      bad = m;
      return std::nullopt;
    }
    out.insert(a->to_string());
  }
  return std::vector<std::string>(out.begin(), out.end());
}

Decision effective(const GroupSpec& g, const DecisionMap& held) {
  auto it = held.find(g.name);
  if (it == held.end()) return default_decision(g);
  const PoolSpec* pool = g.pool(it->second.pool);
  if (!pool) return default_decision(g);  // the pool was removed by a reload
  Decision d = it->second;
  std::erase_if(d.members, [&](const std::string& m) {
    return std::find(pool->members.begin(), pool->members.end(), m) == pool->members.end();
  });
  if (d.members.empty()) d.members = pool->members;
  return d;
}

// RFC 1982 3.2: is a greater than b?
bool serial_gt(uint32_t a, uint32_t b) {
  return a != b && ((a > b && a - b < 0x80000000u) || (a < b && b - a > 0x80000000u));
}

uint64_t mix(uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

ServingState::ServingState(std::shared_ptr<const ServedConfig> config, DecisionStore store,
                           Publish publish)
    : config_(std::move(config)), store_(std::move(store)), publish_(std::move(publish)) {
  std::lock_guard lock(mu_);
  saved_ = store_.load();
  publish_all();
}

zone::ServedZone ServingState::serve_zone(std::size_t zi, SavedState& next) const {
  const auto& z = config_->zones[zi];
  std::vector<zone::GroupAddresses> addrs(z->group_nodes().size());
  uint64_t epochs = 0;
  for (const GroupSpec& g : config_->groups) {
    if (g.zone != zi) continue;
    Decision d = effective(g, next.decisions);
    epochs += d.epoch;
    zone::GroupAddresses& ga = addrs[g.index];
    ga.ttl = g.ttl;
    const PoolSpec* pool = g.pool(d.pool);
    for (std::size_t m = 0; pool && m < pool->members.size(); ++m) {
      if (std::find(d.members.begin(), d.members.end(), pool->members[m]) == d.members.end())
        continue;
      (pool->rdata[m].size() == 4 ? ga.v4 : ga.v6).push_back(pool->rdata[m]);
    }
  }
  uint64_t digest = z->digest();
  for (const auto& ga : addrs) {
    uint64_t h = mix(1469598103934665603ull, std::to_string(ga.ttl));
    for (const auto& a : ga.v4) h = mix(h, a);
    for (const auto& a : ga.v6) h = mix(mix(h, "6"), a);
    digest = digest * 31 + h;
  }
  uint32_t serial = static_cast<uint32_t>(config_->base_serials[zi] + epochs);
  std::string origin = dns::to_text(z->origin());
  if (auto it = next.serials.find(origin); it != next.serials.end()) {
    const ZoneSerial& last = it->second;
    if (last.digest == digest)
      serial = last.serial;  // same data, same serial
    else if (!serial_gt(serial, last.serial))
      serial = last.serial + 1;
  }
  next.serials[origin] = {serial, digest};
  return {z, query::build_overlay(*z, zone::GroupRRsets(addrs), serial)};
}

void ServingState::commit(SavedState next, std::vector<zone::ServedZone> zones) {
  if (!(next == saved_)) store_.save(next);  // durable before served; throws on failure
  saved_ = std::move(next);
  snapshot_ = std::make_shared<const zone::ZoneSet>(std::move(zones));
  publish_(snapshot_);
}

void ServingState::publish_all() {
  SavedState next = saved_;
  std::vector<zone::ServedZone> zones;
  for (std::size_t i = 0; i < config_->zones.size(); ++i) zones.push_back(serve_zone(i, next));
  commit(std::move(next), std::move(zones));
}

PutResult ServingState::put(const Decision& in) {
  std::lock_guard lock(mu_);
  const GroupSpec* g = config_->group(in.group);
  if (!g) return {404, "unknown group " + in.group};
  const PoolSpec* pool = g->pool(in.pool);
  if (!pool) return {400, "group " + in.group + " has no pool " + in.pool};
  std::string bad;
  auto members = canonical(in.members, bad);
  if (!members) return {400, "member " + bad + " is not an address"};
  if (members->empty()) return {400, "members must not be empty: an answer never goes empty"};
  for (const auto& m : *members)
    if (std::find(pool->members.begin(), pool->members.end(), m) == pool->members.end())
      return {400, m + " is not a member of pool " + in.pool};

  Decision d = in;
  d.members = *members;
  if (auto it = saved_.decisions.find(d.group); it != saved_.decisions.end()) {
    const Decision& cur = it->second;
    if (d.epoch < cur.epoch)
      return {409, "epoch " + std::to_string(d.epoch) + " is older than the epoch held, " +
                       std::to_string(cur.epoch)};
    if (d.epoch == cur.epoch) {
      if (cur.same_content(d)) return {200, "", false};
      return {409, "epoch " + std::to_string(d.epoch) + " is held with different content"};
    }
  }
  SavedState next = saved_;
  next.decisions[d.group] = d;
  // Only the group's zone is rebuilt; every other zone is shared with the old snapshot.
  std::vector<zone::ServedZone> zones = snapshot_->zones();
  zones[g->zone] = serve_zone(g->zone, next);
  try {
    commit(std::move(next), std::move(zones));
  } catch (const std::exception& e) {
    return {500, e.what()};
  }
  return {200, "", true};
}

std::vector<Decision> ServingState::decisions() const {
  std::lock_guard lock(mu_);
  std::vector<Decision> out;
  for (const GroupSpec& g : config_->groups) out.push_back(effective(g, saved_.decisions));
  return out;
}

void ServingState::reload(std::shared_ptr<const ServedConfig> next) {
  std::lock_guard lock(mu_);
  std::shared_ptr<const ServedConfig> previous = std::exchange(config_, std::move(next));
  try {
    publish_all();
  } catch (...) {
    config_ = std::move(previous);
    throw;
  }
}

std::shared_ptr<const ServedConfig> ServingState::config() const {
  std::lock_guard lock(mu_);
  return config_;
}

std::shared_ptr<const zone::ZoneSet> ServingState::snapshot() const {
  std::lock_guard lock(mu_);
  return snapshot_;
}

}  // namespace flipdns::decisions
