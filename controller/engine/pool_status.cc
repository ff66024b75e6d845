#include "controller/engine/pool_status.h"

#include <algorithm>

namespace flipdns::engine {

std::vector<PoolStatus> pool_status(const GroupConfig& group, const HealthMap& health) {
  std::vector<PoolStatus> out;
  out.reserve(group.pools.size());
  for (const PoolConfig& pool : group.pools) {
    PoolStatus s;
    s.config = &pool;
    s.min_healthy = static_cast<size_t>(std::max(1, pool.min_healthy));
    for (const std::string& m : pool.members) {
      auto it = health.find(m);
      HealthState state = it == health.end() ? HealthState::kUnknown : it->second;
      if (state == HealthState::kHealthy) s.healthy.push_back(m);
      if (state == HealthState::kUnknown) ++s.unknown;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string describe(const PoolStatus& p) {
  std::string counts = std::to_string(p.healthy.size()) + "/" + std::to_string(p.size());
  std::string extra;
  if (p.min_healthy > 1) extra += ", min " + std::to_string(p.min_healthy);
  if (p.unknown > 0) extra += ", " + std::to_string(p.unknown) + " unknown";
  if (p.eligible()) return p.name() + " healthy (" + counts + extra + ")";
  return p.name() + " below min_healthy (" + counts + " healthy" + extra + ")";
}

std::string describe_all(const std::vector<PoolStatus>& pools) {
  std::string out;
  for (const PoolStatus& p : pools) {
    if (!out.empty()) out += "; ";
    out += describe(p);
  }
  return out;
}

}  // namespace flipdns::engine
