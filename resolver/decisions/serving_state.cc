#include "resolver/decisions/serving_state.h"

#include <algorithm>
#include <set>

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

}  // namespace

ServingState::ServingState(std::shared_ptr<const ServedConfig> config, DecisionStore store,
                           Publish publish)
    : config_(std::move(config)), store_(std::move(store)), publish_(std::move(publish)) {
  held_ = store_.load();
  std::lock_guard lock(mu_);
  publish_all();
}

Decision ServingState::effective(const GroupSpec& g) const {
  auto it = held_.find(g.name);
  if (it == held_.end()) return default_decision(g);
  const PoolSpec* pool = g.pool(it->second.pool);
  if (!pool) return default_decision(g);  // the pool was removed by a reload
  Decision d = it->second;
  std::erase_if(d.members, [&](const std::string& m) {
    return std::find(pool->members.begin(), pool->members.end(), m) == pool->members.end();
  });
  if (d.members.empty()) d.members = pool->members;
  return d;
}

zone::ServedZone ServingState::serve_zone(std::size_t zi) const {
  const auto& z = config_->zones[zi];
  std::vector<zone::GroupAddresses> addrs(z->group_nodes().size());
  uint64_t epochs = 0;
  for (const GroupSpec& g : config_->groups) {
    if (g.zone != zi) continue;
    Decision d = effective(g);
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
  // Every decision raises its epoch, so the sum raises the serial (RFC 1982:
  // steps stay far below 2^31), and servers given the same configuration and
  // decisions agree on it.
  uint32_t serial = static_cast<uint32_t>(config_->base_serials[zi] + epochs);
  return {z, query::build_overlay(*z, zone::GroupRRsets(addrs), serial)};
}

void ServingState::publish_all() {
  std::vector<zone::ServedZone> zones;
  for (std::size_t i = 0; i < config_->zones.size(); ++i) zones.push_back(serve_zone(i));
  snapshot_ = std::make_shared<const zone::ZoneSet>(std::move(zones));
  publish_(snapshot_);
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
  if (auto it = held_.find(d.group); it != held_.end()) {
    const Decision& cur = it->second;
    if (d.epoch < cur.epoch)
      return {409, "epoch " + std::to_string(d.epoch) + " is older than the epoch held, " +
                       std::to_string(cur.epoch)};
    if (d.epoch == cur.epoch) {
      if (cur.same_content(d)) return {200, "", false};
      return {409, "epoch " + std::to_string(d.epoch) + " is held with different content"};
    }
  }
  DecisionMap next = held_;
  next[d.group] = d;
  try {
    store_.save(next);  // durable before served
  } catch (const std::exception& e) {
    return {500, e.what()};
  }
  held_ = std::move(next);
  // Only the group's zone is rebuilt; every other zone is shared with the old snapshot.
  std::vector<zone::ServedZone> zones = snapshot_->zones();
  zones[g->zone] = serve_zone(g->zone);
  snapshot_ = std::make_shared<const zone::ZoneSet>(std::move(zones));
  publish_(snapshot_);
  return {200, "", true};
}

std::vector<Decision> ServingState::decisions() const {
  std::lock_guard lock(mu_);
  std::vector<Decision> out;
  for (const GroupSpec& g : config_->groups) out.push_back(effective(g));
  return out;
}

void ServingState::reload(std::shared_ptr<const ServedConfig> next) {
  std::lock_guard lock(mu_);
  config_ = std::move(next);
  publish_all();
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
