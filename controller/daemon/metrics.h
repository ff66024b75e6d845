// The controller's /metrics: counters kept as events happen, gauges read from
// the live state at scrape time (so a member removed by a reload simply stops
// appearing). Prometheus text through resolver/control's PrometheusText.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "controller/engine/member_health.h"
#include "controller/publish/server_sync.h"

namespace flipdns::daemon {

struct Counters {
  using GroupMember = std::tuple<std::string, std::string, std::string>;
  using GroupKey = std::pair<std::string, std::string>;
  std::map<GroupMember, uint64_t> checks;          // group, member, result (ok | fail)
  std::map<GroupMember, uint64_t> health_changes;  // group, member, to (healthy | unhealthy)
  std::map<GroupKey, uint64_t> decisions;          // group, change (pool | members)
  std::map<GroupKey, uint64_t> flips;              // group, kind (auto | flip | pin | unpin)
  std::map<GroupKey, uint64_t> alerts;             // group, kind
  std::map<std::string, uint64_t> reloads;         // ok | failed
  uint64_t persist_failures = 0;
  uint64_t adoptions = 0;  // newer decisions taken over from auth servers while running
};

struct MemberGauge {
  std::string group, member;
  engine::HealthState state;
};

struct GroupGauge {
  std::string group, pool;
  uint64_t epoch = 0;
  bool pinned = false;
  bool warmed_up = false;
  std::vector<std::string> alerts;  // kinds active now
};

struct Gauges {
  bool running = false;
  bool config_ok = true;
  std::vector<MemberGauge> members;
  std::vector<GroupGauge> groups;
  std::vector<publish::ServerStatus> servers;
};

std::string render_metrics(const Counters& c, const Gauges& g);

}  // namespace flipdns::daemon
