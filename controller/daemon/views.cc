#include "controller/daemon/views.h"

#include <algorithm>

#include "controller/engine/pool_status.h"
#include "controller/engine/time_text.h"
#include "resolver/server/logger.h"

namespace flipdns::daemon {
namespace {

using nlohmann::json;

json pin_json(const std::optional<engine::Pin>& pin) {
  if (!pin) return nullptr;
  return {{"pool", pin->pool},
          {"until", rfc3339(pin->until)},
          {"actor", pin->actor},
          {"reason", pin->reason}};
}

json checks_json(const engine::MemberHealth& h) {
  json out = json::array();
  const auto& recent = h.recent();
  for (auto it = recent.rbegin(); it != recent.rend(); ++it) {
    out.push_back({{"time", rfc3339(it->at)},
                   {"result", it->ok ? "ok" : "fail"},
                   {"latency_ms", it->latency.count()},
                   {"error", it->ok ? json(nullptr) : json(it->error)}});
  }
  return out;
}

json group_json(const GroupView& g, bool detail) {
  const engine::Decision& d = g.state.decision;
  engine::HealthMap measured;
  for (const std::string& m : all_members(g.setup)) {
    const engine::MemberHealth* h = g.health(m);
    measured[m] = h ? h->state() : engine::HealthState::kUnknown;
  }
  const std::vector<engine::PoolStatus> status =
      engine::pool_status(g.setup.config, engine_health(g.setup, measured));

  json pools = json::array();
  for (const engine::PoolStatus& p : status) {
    json members = json::array();
    for (const std::string& m : p.config->members) {
      json mj = {{"address", m},
                 {"health", engine::to_string(measured[m])},
                 {"served", p.name() == d.pool && std::find(d.members.begin(), d.members.end(),
                                                            m) != d.members.end()}};
      if (detail) {
        const engine::MemberHealth* h = g.health(m);
        mj["successes_in_a_row"] = h ? h->successes_in_a_row() : 0;
        mj["failures_in_a_row"] = h ? h->failures_in_a_row() : 0;
        mj["checks"] = h ? checks_json(*h) : json::array();
      }
      members.push_back(std::move(mj));
    }
    pools.push_back({{"name", p.name()},
                     {"active", p.name() == d.pool},
                     {"min_healthy", p.min_healthy},
                     {"healthy", p.healthy.size()},
                     {"size", p.size()},
                     {"eligible", p.eligible()},
                     {"manual", g.setup.manual_pools.contains(p.name())},
                     {"description", engine::describe(p)},
                     {"members", std::move(members)}});
  }
  json alerts = json::array();
  for (const engine::Alert& a : g.alerts)
    alerts.push_back({{"kind", engine::to_string(a.kind)}, {"message", a.message}});

  json out = {{"group", g.setup.config.name},
              {"zone", g.setup.zone},
              {"decision",
               {{"pool", d.pool},
                {"members", d.members},
                {"epoch", d.epoch},
                {"reason", d.reason},
                {"actor", g.actor},
                {"at", d.epoch == 0 ? json(nullptr) : json(rfc3339(g.decided_at))}}},
              {"status", g.status},
              {"pin", pin_json(g.pin)},
              {"warmed_up", g.state.warmed_up},
              {"alerts", std::move(alerts)},
              {"pools", std::move(pools)}};
  if (detail) {
    const probe::CheckSpec& c = g.setup.check;
    json check = {{"type", probe::to_string(c.kind)},
                  {"port", c.port},
                  {"interval", engine::format_duration(c.interval)},
                  {"timeout", engine::format_duration(c.timeout)},
                  {"rise", c.rise},
                  {"fall", c.fall}};
    if (c.kind != probe::CheckKind::kTcp) {
      check["method"] = c.method;
      check["path"] = c.path;
      check["host"] = c.host.empty() ? json(nullptr) : json(c.host);
      check["expect"] = c.expect;
      check["body"] = c.body.empty() ? json(nullptr) : json(c.body);
    }
    if (c.kind == probe::CheckKind::kHttps) check["tls_verify"] = c.tls_verify;
    const engine::Policy& p = g.setup.config.policy;
    json policy = {{"hold_down", engine::format_duration(p.hold_down)},
                   {"failback", engine::to_string(p.failback)},
                   {"manual_pools", g.setup.manual_pools}};
    if (p.failback == engine::Failback::kAuto)
      policy["failback_after"] = engine::format_duration(p.failback_after);
    out["check"] = std::move(check);
    out["policy"] = std::move(policy);
  }
  return out;
}

}  // namespace

std::string rfc3339(engine::WallTime t) {
  return format_rfc3339(t);
}

json group_summary(const GroupView& g) {
  return group_json(g, false);
}
json group_detail(const GroupView& g) {
  return group_json(g, true);
}

json server_json(const publish::ServerStatus& s) {
  auto when = [](const std::optional<engine::WallTime>& t) {
    return t ? json(rfc3339(*t)) : json(nullptr);
  };
  return {{"url", s.url},
          {"in_sync", s.in_sync},
          {"reachable", s.reachable},
          {"behind", s.behind},
          {"lag_seconds", std::chrono::duration<double>(s.lag).count()},
          {"last_ok", when(s.last_ok)},
          {"last_error", s.last_error.empty() ? json(nullptr) : json(s.last_error)},
          {"last_error_at", when(s.last_error_at)},
          {"consecutive_failures", s.consecutive_failures},
          {"pushes",
           {{"ok", s.puts_ok},
            {"failed", s.puts_failed},
            {"conflict", s.conflicts},
            {"rejected", s.rejected}}},
          {"reads", {{"ok", s.fetches_ok}, {"failed", s.fetches_failed}}}};
}

}  // namespace flipdns::daemon
