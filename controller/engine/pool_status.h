// How each pool of a group stands right now: which members are healthy, and
// whether that is enough (min_healthy). The decision engine reasons on this and
// writes its reasons from it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "controller/engine/decision.h"

namespace flipdns::engine {

struct PoolStatus {
  const PoolConfig* config = nullptr;  // not owned; lives in the GroupConfig
  std::vector<std::string> healthy;    // in configuration order
  size_t unknown = 0;                  // members not evaluated yet
  size_t min_healthy = 1;              // the configured value, at least 1

  const std::string& name() const { return config->name; }
  size_t size() const { return config->members.size(); }
  // Enough healthy members to be served by an automatic decision.
  bool eligible() const { return healthy.size() >= min_healthy; }
};

std::vector<PoolStatus> pool_status(const GroupConfig& group, const HealthMap& health);

// "standby healthy (1/1)", "primary below min_healthy (1/3 healthy, min 2)",
// "primary below min_healthy (0/2 healthy, 2 unknown)".
std::string describe(const PoolStatus& p);

// Every pool described, in priority order, joined by "; ".
std::string describe_all(const std::vector<PoolStatus>& pools);

}  // namespace flipdns::engine
