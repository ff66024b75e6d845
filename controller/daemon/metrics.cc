#include "controller/daemon/metrics.h"

#include "resolver/control/prometheus_text.h"

namespace flipdns::daemon {
namespace {

using control::PrometheusText;
using Type = PrometheusText::Type;

uint64_t flag(bool b) {
  return b ? 1 : 0;
}

}  // namespace

std::string render_metrics(const Counters& c, const Gauges& g) {
  PrometheusText t;
  t.family("flipdns_controller_running", Type::kGauge,
           "1 once the cold start has read the auth servers and decisions are being made");
  t.sample(flag(g.running));
  t.family("flipdns_controller_config_ok", Type::kGauge,
           "1 if the last load or reload of the zones directory succeeded");
  t.sample(flag(g.config_ok));
  t.family("flipdns_controller_reloads_total", Type::kCounter, "Reloads of the zones directory");
  for (const auto& [result, n] : c.reloads) t.sample({{"result", result}}, n);

  t.family("flipdns_controller_checks_total", Type::kCounter, "Health checks by result");
  for (const auto& [k, n] : c.checks)
    t.sample({{"group", std::get<0>(k)}, {"member", std::get<1>(k)}, {"result", std::get<2>(k)}},
             n);
  t.family("flipdns_controller_member_health", Type::kGauge,
           "1 for the member's current health state (healthy, unhealthy, unknown)");
  for (const MemberGauge& m : g.members) {
    for (auto s : {engine::HealthState::kHealthy, engine::HealthState::kUnhealthy,
                   engine::HealthState::kUnknown}) {
      std::string state(engine::to_string(s));
      t.sample({{"group", m.group}, {"member", m.member}, {"state", state}}, flag(m.state == s));
    }
  }
  t.family("flipdns_controller_member_health_changes_total", Type::kCounter,
           "Members changing health state (rise/fall thresholds reached)");
  for (const auto& [k, n] : c.health_changes)
    t.sample({{"group", std::get<0>(k)}, {"member", std::get<1>(k)}, {"to", std::get<2>(k)}}, n);

  t.family("flipdns_controller_decisions_total", Type::kCounter,
           "New decisions (new epochs) by what changed: the pool or only its members");
  for (const auto& [k, n] : c.decisions) t.sample({{"group", k.first}, {"change", k.second}}, n);
  t.family("flipdns_controller_flips_total", Type::kCounter,
           "Changes of the served pool by cause (auto, flip, pin, unpin)");
  for (const auto& [k, n] : c.flips) t.sample({{"group", k.first}, {"kind", k.second}}, n);
  t.family("flipdns_controller_active_pool", Type::kGauge, "1 for the pool each group serves");
  for (const GroupGauge& gg : g.groups)
    t.sample({{"group", gg.group}, {"pool", gg.pool}}, uint64_t{1});
  t.family("flipdns_controller_decision_epoch", Type::kGauge, "Epoch of each group's decision");
  for (const GroupGauge& gg : g.groups) t.sample({{"group", gg.group}}, gg.epoch);
  t.family("flipdns_controller_pinned", Type::kGauge, "1 while a pin holds the group");
  for (const GroupGauge& gg : g.groups) t.sample({{"group", gg.group}}, flag(gg.pinned));
  t.family("flipdns_controller_warmed_up", Type::kGauge,
           "1 once every member of the group had its first health evaluation");
  for (const GroupGauge& gg : g.groups) t.sample({{"group", gg.group}}, flag(gg.warmed_up));
  t.family("flipdns_controller_alerts_total", Type::kCounter,
           "Alerts raised (all_pools_down, no_healthy_member, unknown_pool, flip_ignored)");
  for (const auto& [k, n] : c.alerts) t.sample({{"group", k.first}, {"kind", k.second}}, n);
  t.family("flipdns_controller_alert_active", Type::kGauge, "1 for each alert holding now");
  for (const GroupGauge& gg : g.groups)
    for (const std::string& kind : gg.alerts)
      t.sample({{"group", gg.group}, {"kind", kind}}, uint64_t{1});
  t.family("flipdns_controller_adoptions_total", Type::kCounter,
           "Newer decisions taken over from an auth server while running");
  t.sample(c.adoptions);
  t.family("flipdns_controller_state_persist_failures_total", Type::kCounter,
           "Failed writes of the state directory (decisions wait until a write succeeds)");
  t.sample(c.persist_failures);

  t.family("flipdns_controller_publish_total", Type::kCounter,
           "Decision pushes (PUT) per auth server by result (ok, failed, conflict, rejected)");
  for (const publish::ServerStatus& s : g.servers) {
    t.sample({{"server", s.url}, {"result", "ok"}}, s.puts_ok);
    t.sample({{"server", s.url}, {"result", "failed"}}, s.puts_failed);
    t.sample({{"server", s.url}, {"result", "conflict"}}, s.conflicts);
    t.sample({{"server", s.url}, {"result", "rejected"}}, s.rejected);
  }
  t.family("flipdns_controller_server_reads_total", Type::kCounter,
           "Reads of an auth server's decisions (GET) by result");
  for (const publish::ServerStatus& s : g.servers) {
    t.sample({{"server", s.url}, {"result", "ok"}}, s.fetches_ok);
    t.sample({{"server", s.url}, {"result", "failed"}}, s.fetches_failed);
  }
  t.family("flipdns_controller_server_in_sync", Type::kGauge,
           "1 if the auth server holds every current decision");
  for (const publish::ServerStatus& s : g.servers) t.sample({{"server", s.url}}, flag(s.in_sync));
  t.family("flipdns_controller_server_reachable", Type::kGauge,
           "1 if the auth server's last answer was a good one");
  for (const publish::ServerStatus& s : g.servers) t.sample({{"server", s.url}}, flag(s.reachable));
  t.family("flipdns_controller_server_behind_groups", Type::kGauge,
           "Groups whose current decision the auth server does not hold");
  for (const publish::ServerStatus& s : g.servers)
    t.sample({{"server", s.url}}, static_cast<uint64_t>(s.behind));
  t.family("flipdns_controller_server_lag_seconds", Type::kGauge,
           "How long the auth server has been out of sync (0 when in sync)");
  for (const publish::ServerStatus& s : g.servers)
    t.sample({{"server", s.url}}, std::chrono::duration<double>(s.lag).count());
  return t.text();
}

}  // namespace flipdns::daemon
