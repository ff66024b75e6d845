#include "controller/daemon/group_setup.h"

#include <algorithm>

namespace flipdns::daemon {
namespace {

probe::CheckSpec check_spec(const zones::Check& c) {
  probe::CheckSpec s;
  switch (c.type.value) {
    case zones::CheckType::kHttp:
      s.kind = probe::CheckKind::kHttp;
      break;
    case zones::CheckType::kHttps:
      s.kind = probe::CheckKind::kHttps;
      break;
    case zones::CheckType::kTcp:
      s.kind = probe::CheckKind::kTcp;
      break;
  }
  s.port = static_cast<uint16_t>(c.port.value);
  s.method = c.method.value;
  s.path = c.path.value;
  s.host = c.host.value;
  s.expect.clear();
  for (const auto& e : c.expect.value) s.expect.push_back(static_cast<int>(e.value));
  if (s.expect.empty()) s.expect = {200};
  s.body = c.body.value;
  s.tls_verify = c.tls_verify.value;
  s.interval = c.interval.value;
  s.timeout = c.timeout.value;
  s.rise = static_cast<int>(c.rise.value);
  s.fall = static_cast<int>(c.fall.value);
  return s;
}

engine::Policy policy(const zones::Policy& p) {
  engine::Policy out;
  out.hold_down = p.hold_down.value;
  out.failback = p.failback.value == zones::Failback::kAuto ? engine::Failback::kAuto
                                                            : engine::Failback::kManual;
  out.failback_after = p.failback_after.value;
  return out;
}

}  // namespace

std::vector<GroupSetup> group_setups(const zones::ConfigSet& config) {
  std::vector<GroupSetup> out;
  for (const zones::ZoneConfig& z : config.zones) {
    for (const zones::Group& g : z.groups) {
      GroupSetup s;
      s.zone = z.name;
      s.config.name = g.name;
      s.config.policy = policy(g.policy);
      for (const zones::Pool& p : g.pools) {
        engine::PoolConfig pc;
        pc.name = p.name.value;
        pc.min_healthy = static_cast<int>(p.min_healthy.value);
        for (const zones::Member& m : p.members) pc.members.push_back(m.address.to_string());
        s.config.pools.push_back(std::move(pc));
      }
      for (const auto& m : g.policy.manual_pools) s.manual_pools.insert(m.value);
      s.check = check_spec(g.check);
      for (const std::string& address : all_members(s))
        s.targets.push_back(probe::ProbeTarget{g.name, address, s.check});
      out.push_back(std::move(s));
    }
  }
  return out;
}

std::vector<std::string> all_members(const GroupSetup& g) {
  std::vector<std::string> out;
  for (const engine::PoolConfig& p : g.config.pools)
    for (const std::string& m : p.members)
      if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  return out;
}

engine::HealthMap engine_health(const GroupSetup& g, const engine::HealthMap& measured) {
  engine::HealthMap out = measured;
  if (g.manual_pools.empty()) return out;
  std::set<std::string> automatic;
  for (const engine::PoolConfig& p : g.config.pools)
    if (!g.manual_pools.contains(p.name)) automatic.insert(p.members.begin(), p.members.end());
  for (const engine::PoolConfig& p : g.config.pools) {
    if (!g.manual_pools.contains(p.name)) continue;
    for (const std::string& m : p.members)
      if (!automatic.contains(m)) out[m] = engine::HealthState::kUnhealthy;
  }
  return out;
}

}  // namespace flipdns::daemon
