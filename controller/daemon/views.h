// The JSON the REST API returns for groups and servers (shapes documented in
// controller/openapi.yaml). Built from the controller's state on its loop
// thread; nothing here changes anything.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "controller/daemon/group_setup.h"
#include "controller/engine/decision.h"
#include "controller/engine/member_health.h"
#include "controller/publish/server_sync.h"

namespace flipdns::daemon {

struct GroupView {
  const GroupSetup& setup;
  const engine::GroupState& state;
  const std::optional<engine::Pin>& pin;
  const std::string& status;  // the latest evaluation's reason
  const std::string& actor;   // who made the current decision
  engine::WallTime decided_at;
  const std::vector<engine::Alert>& alerts;
  // The member's health in this group; nullptr if not checked (yet).
  std::function<const engine::MemberHealth*(const std::string&)> health;
};

// Pools with member health, the decision and its reason, the pin, alerts.
nlohmann::json group_summary(const GroupView& g);
// The summary plus each member's recent checks (time, result, latency,
// error), the check and the policy.
nlohmann::json group_detail(const GroupView& g);

nlohmann::json server_json(const publish::ServerStatus& s);

std::string rfc3339(engine::WallTime t);

}  // namespace flipdns::daemon
