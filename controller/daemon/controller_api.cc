// The controller's answers to the REST API (api::Backend), on the loop
// thread: views of its state, and operator overrides checked before they
// reach the decision engine.
#include "controller/daemon/controller.h"

#include <algorithm>

namespace flipdns::daemon {
namespace {

using nlohmann::json;

std::string pool_names(const GroupSetup& s) {
  std::string out;
  for (const auto& p : s.config.pools) out += (out.empty() ? "" : ", ") + p.name;
  return out;
}

bool has_pool(const GroupSetup& s, const std::string& pool) {
  return std::any_of(s.config.pools.begin(), s.config.pools.end(),
                     [&](const engine::PoolConfig& p) { return p.name == pool; });
}

}  // namespace

GroupView Controller::view(const Group& g) const {
  const std::string name = g.setup.config.name;
  return GroupView{
      g.setup,         g.state,
      g.overrides.pin, g.status,
      g.actor,         g.decided_at,
      g.alerts,        [this, name](const std::string& m) { return checker_.health({name, m}); }};
}

api::Reply Controller::groups() {
  json list = json::array();
  for (const auto& [name, g] : groups_) list.push_back(group_summary(view(*g)));
  return {200, {{"groups", std::move(list)}, {"running", running_}}};
}

api::Reply Controller::group(const std::string& name) {
  Group* g = find(name);
  if (!g) return api::error_reply(404, "unknown group " + name);
  return {200, group_detail(view(*g))};
}

// The checks every override shares: 503 while starting, 404, 400 for a pool
// the group does not have.
api::Reply Controller::check_override(const std::string& group, const std::string* pool,
                                      Group*& out) {
  out = nullptr;
  if (!running_)
    return api::error_reply(503, "starting: reading the auth servers' decisions; try again");
  Group* g = find(group);
  if (!g) return api::error_reply(404, "unknown group " + group);
  if (pool && !has_pool(g->setup, *pool))
    return api::error_reply(
        400, "group " + group + " has no pool " + *pool + " (pools: " + pool_names(g->setup) + ")");
  out = g;
  return {200, nullptr};
}

api::Reply Controller::flip(const std::string& group, const api::FlipRequest& r,
                            const api::Identity& who) {
  Group* g = nullptr;
  if (api::Reply bad = check_override(group, &r.pool, g); !g) return bad;
  const auto& pin = g->overrides.pin;
  if (pin && pin->until > d_.clock.wall_now())
    return api::error_reply(409, group + " is pinned to " + pin->pool + " until " +
                                     rfc3339(pin->until) + " by " + pin->actor +
                                     "; unpin it first");
  const uint64_t before = g->state.decision.epoch;
  g->overrides.flip =
      engine::ManualFlip{r.pool, who.actor(), r.reason.empty() ? "no reason given" : r.reason};
  evaluate(*g, Action{"flip", who.actor(), std::nullopt});
  json out = group_detail(view(*g));
  out["changed"] = g->state.decision.epoch != before;
  return {200, std::move(out)};
}

api::Reply Controller::pin(const std::string& group, const api::PinRequest& r,
                           const api::Identity& who) {
  Group* g = nullptr;
  if (api::Reply bad = check_override(group, &r.pool, g); !g) return bad;
  const uint64_t before = g->state.decision.epoch;
  engine::Pin p{r.pool, d_.clock.wall_now() + r.duration, who.actor(),
                r.reason.empty() ? "no reason given" : r.reason};
  g->overrides.pin = p;
  d_.store.put_pin(group, p);
  evaluate(*g, Action{"pin", who.actor(), p.until});
  json out = group_detail(view(*g));
  out["changed"] = g->state.decision.epoch != before;
  return {200, std::move(out)};
}

api::Reply Controller::unpin(const std::string& group, const api::Identity& who) {
  Group* g = nullptr;
  if (api::Reply bad = check_override(group, nullptr, g); !g) return bad;
  const bool had = g->overrides.pin.has_value();
  const uint64_t before = g->state.decision.epoch;
  if (had) {
    g->overrides.pin.reset();
    d_.store.put_pin(group, std::nullopt);
    evaluate(*g, Action{"unpin", who.actor(), std::nullopt});
  }
  json out = group_detail(view(*g));
  out["unpinned"] = had;
  out["changed"] = g->state.decision.epoch != before;
  return {200, std::move(out)};
}

api::Reply Controller::audit(const api::AuditQuery& q) {
  state::AuditLog::Page p = d_.audit.page(q.limit, q.before);
  return {200,
          {{"entries", std::move(p.entries)},
           {"next_before", p.next_before ? json(*p.next_before) : json(nullptr)}}};
}

api::Reply Controller::servers() {
  json list = json::array();
  for (const publish::ServerStatus& s : d_.publisher.status()) list.push_back(server_json(s));
  return {200, {{"servers", std::move(list)}}};
}

api::Reply Controller::healthz() {
  json reload = {{"ok", reload_.ok},
                 {"error", reload_.ok ? json(nullptr) : json(reload_.error)},
                 {"at", reload_.at ? json(rfc3339(*reload_.at)) : json(nullptr)}};
  json out = {{"status", running_ ? "ok" : "starting"},
              {"groups", groups_.size()},
              {"members", checker_.size()},
              {"commit", reload_.commit ? json(*reload_.commit) : json(nullptr)},
              {"last_reload", std::move(reload)},
              {"state_saved", !d_.store.dirty()},
              {"epoch", d_.store.state().epoch}};
  return {running_ ? 200 : 503, std::move(out)};
}

std::string Controller::metrics() {
  Gauges g;
  g.running = running_;
  g.config_ok = reload_.ok;
  for (const auto& [name, gp] : groups_) {
    const Group& grp = *gp;
    for (const std::string& m : all_members(grp.setup)) {
      const engine::MemberHealth* h = checker_.health({name, m});
      g.members.push_back({name, m, h ? h->state() : engine::HealthState::kUnknown});
    }
    GroupGauge gg{name,
                  grp.state.decision.pool,
                  grp.state.decision.epoch,
                  grp.overrides.pin.has_value(),
                  grp.state.warmed_up,
                  {}};
    for (const engine::Alert& a : grp.alerts) gg.alerts.emplace_back(engine::to_string(a.kind));
    g.groups.push_back(std::move(gg));
  }
  g.servers = d_.publisher.status();
  return render_metrics(counters_, g);
}

}  // namespace flipdns::daemon
