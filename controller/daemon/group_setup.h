// What the controller needs of each failover group in the zones directory:
// the engine's view (pools in order, policy), the checks to run, and the few
// things the API shows. Built afresh on every load and reload.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "controller/engine/decision.h"
#include "controller/probe/probe.h"
#include "zones/config_dir.h"

namespace flipdns::daemon {

struct GroupSetup {
  std::string zone;  // "example.com."
  engine::GroupConfig config;
  probe::CheckSpec check;
  std::set<std::string> manual_pools;  // policy.manual_pools: never chosen automatically
  std::vector<probe::ProbeTarget> targets;
};

std::vector<GroupSetup> group_setups(const zones::ConfigSet& config);

// Every member address of the group, in pool order, each once.
std::vector<std::string> all_members(const GroupSetup& g);

// The health the decision engine is given. Members only found in manual
// pools are shown to it as unhealthy, so that no automatic decision picks
// those pools (the engine itself knows no manual pools); an operator's flip or
// pin to one still works, serving all its members.
engine::HealthMap engine_health(const GroupSetup& g, const engine::HealthMap& measured);

}  // namespace flipdns::daemon
