#include "controller/daemon/controller.h"

#include <algorithm>
#include <utility>

#include "controller/engine/decision_engine.h"

namespace flipdns::daemon {
namespace {

using nlohmann::json;

publish::WireDecision wire(const std::string& group, const engine::Decision& d) {
  return {group, d.pool, d.members, d.epoch};
}

std::string first_errors(const zones::ConfigErrors& errors) {
  std::string out;
  size_t n = 0;
  for (const auto& e : errors) {
    if (n++ == 10) {
      out += "\n... and " + std::to_string(errors.size() - 10) + " more";
      break;
    }
    out += (out.empty() ? "" : "\n") + e.to_string();
  }
  return out;
}

}  // namespace

Controller::Controller(ControllerDeps deps, const zones::ConfigSet& config)
    : d_(deps),
      checker_(d_.probes, d_.timers, d_.clock, d_.random,
               [this](const probe::CheckEvent& e) { on_check(e); }),
      persist_retry_(d_.timers.make_timer()) {
  for (GroupSetup& s : group_setups(config)) {
    std::string name = s.config.name;
    groups_.emplace(std::move(name), make_group(std::move(s)));
  }
  reload_.at = d_.clock.wall_now();
  reload_.commit = config.commit;
  counters_.reloads["ok"] += 0;  // both series exist from the start
  counters_.reloads["failed"] += 0;
}

Controller::~Controller() = default;

std::unique_ptr<Controller::Group> Controller::make_group(GroupSetup setup) {
  auto out = std::make_unique<Group>();
  Group& g = *out;
  const std::string& name = setup.config.name;
  const auto& stored = d_.store.state();
  if (auto it = stored.decisions.find(name); it != stored.decisions.end()) {
    g.state.decision = it->second.decision;
    g.decided_at = it->second.at;
  } else {
    g.state = engine::initial_state(setup.config);
  }
  if (auto it = stored.pins.find(name); it != stored.pins.end()) g.overrides.pin = it->second;
  g.setup = std::move(setup);
  g.wake = d_.timers.make_timer();
  return out;
}

std::vector<probe::ProbeTarget> Controller::all_targets() const {
  std::vector<probe::ProbeTarget> out;
  for (const auto& [name, g] : groups_)
    out.insert(out.end(), g->setup.targets.begin(), g->setup.targets.end());
  return out;
}

Controller::Group* Controller::find(const std::string& name) {
  auto it = groups_.find(name);
  return it == groups_.end() ? nullptr : it->second.get();
}

void Controller::start() {
  checker_.set_targets(all_targets());
  d_.publisher.on_report([this](const publish::ServerReport& r) { on_report(r); });
  d_.log.info("checking members; reading the auth servers' decisions",
              {{"groups", groups_.size()}, {"members", checker_.size()}});
  d_.publisher.start([this](std::vector<publish::ServerView> views) { on_started(views); });
}

// Cold start: the newest decision per group — from the state dir or any auth
// server, highest epoch — instead of resetting to the first pool.
void Controller::on_started(const std::vector<publish::ServerView>& views) {
  std::map<std::string, std::pair<publish::WireDecision, std::string>> newest;
  size_t reachable = 0;
  for (const publish::ServerView& v : views) {
    if (!v.ok) {
      d_.log.warn("auth server not read at start", {{"server", v.url}, {"error", v.error}});
      continue;
    }
    ++reachable;
    for (const publish::WireDecision& d : v.decisions) {
      d_.store.raise_epoch(d.epoch);
      auto it = newest.find(d.group);
      if (d.epoch > 0 && (it == newest.end() || d.epoch > it->second.first.epoch))
        newest[d.group] = {d, v.url};
    }
  }
  size_t adopted = 0;
  for (auto& [name, gp] : groups_) {
    Group& g = *gp;
    auto it = newest.find(name);
    if (it == newest.end() || it->second.first.epoch <= g.state.decision.epoch) continue;
    const publish::WireDecision& held = it->second.first;
    g.state.decision = {held.pool, held.members, held.epoch,
                        "adopted at start from " + it->second.second + " (epoch " +
                            std::to_string(held.epoch) + ")"};
    g.decided_at = d_.clock.wall_now();
    d_.store.put_decision(name, g.state.decision, g.decided_at);
    ++adopted;
  }
  running_ = true;
  const bool saved = !d_.store.dirty() || persist();
  d_.log.info("controller running", {{"auth_servers", views.size()},
                                     {"read", reachable},
                                     {"adopted", adopted},
                                     {"epoch", d_.store.state().epoch}});
  for (auto& [name, g] : groups_) {
    if (g->state.decision.epoch == 0) continue;
    if (saved)
      publish(*g);
    else
      unpublished_.insert(name);
  }
  for (auto& [name, g] : groups_) evaluate(*g);
  if (on_running_) on_running_();
}

void Controller::on_check(const probe::CheckEvent& e) {
  const auto& [group, member] = e.member;
  ++counters_.checks[{group, member, e.result.ok ? "ok" : "fail"}];
  if (d_.log.enabled(LogLevel::kDebug)) {
    d_.log.debug("check", {{"group", group},
                           {"member", member},
                           {"ok", e.result.ok},
                           {"latency_ms", e.result.latency.count()},
                           {"error", e.result.error},
                           {"transition", engine::to_string(e.transition)}});
  }
  if (e.transition != engine::Transition::kChanged) return;
  ++counters_.health_changes[{group, member, std::string(engine::to_string(e.state))}];
  d_.log.info("member health changed", {{"group", group},
                                        {"member", member},
                                        {"state", engine::to_string(e.state)},
                                        {"error", e.result.error}});
  if (Group* g = find(group)) evaluate(*g);
}

void Controller::evaluate(Group& g, const std::optional<Action>& action) {
  if (!running_) return;
  const std::string& name = g.setup.config.name;
  const engine::Now now = d_.clock.stamp();
  const engine::HealthMap health = engine_health(g.setup, checker_.health_map(name));
  engine::Evaluation e = engine::evaluate(g.setup.config, health, g.overrides, g.state, now);
  const std::string from = g.state.decision.pool;
  g.state = std::move(e.next);
  g.status = e.reason;
  g.overrides.flip.reset();  // a manual flip is one decision
  if (e.pin_expired) {
    d_.log.info("pin expired", {{"group", name}, {"pool", g.overrides.pin->pool}});
    g.overrides.pin.reset();
    d_.store.put_pin(name, std::nullopt);
  }
  note_alerts(g, e.alerts);

  if (e.changed()) {
    g.state.decision.epoch = d_.store.next_epoch();
    g.actor = e.actor;
    g.decided_at = now.wall;
    d_.store.put_decision(name, g.state.decision, now.wall);
    const std::string kind = action ? action->kind : e.pin_expired ? "unpin" : "auto";
    ++counters_.decisions[{name, std::string(engine::to_string(e.change))}];
    if (e.change == engine::Change::kPool) ++counters_.flips[{name, kind}];
    d_.log.info("decision", {{"group", name},
                             {"from", from},
                             {"to", g.state.decision.pool},
                             {"members", g.state.decision.members},
                             {"epoch", g.state.decision.epoch},
                             {"change", engine::to_string(e.change)},
                             {"actor", e.actor},
                             {"reason", e.reason}});
  }
  const bool saved = !d_.store.dirty() || persist();
  if (action) {
    d_.log.info("operator action", {{"group", name},
                                    {"kind", action->kind},
                                    {"actor", action->actor},
                                    {"changed", e.changed()},
                                    {"reason", e.reason}});
  }
  if (action || e.changed() || e.pin_expired) {
    const std::string kind = action ? action->kind : e.pin_expired ? "unpin" : "auto";
    audit(g, from, kind, action ? action->actor : e.actor, e.reason,
          action ? action->until : std::nullopt);
  }
  if (e.changed()) {
    if (saved)
      publish(g);
    else
      unpublished_.insert(name);
  }

  if (e.wake_at) {
    const auto delay = std::chrono::ceil<engine::Duration>(*e.wake_at - now.mono);
    g.wake->start(std::max(delay, engine::Duration(0)), [this, &g] { evaluate(g); });
  } else {
    g.wake->stop();
  }
}

void Controller::note_alerts(Group& g, const std::vector<engine::Alert>& now) {
  const std::string& name = g.setup.config.name;
  auto has = [](const std::vector<engine::Alert>& v, engine::AlertKind k) {
    return std::any_of(v.begin(), v.end(), [k](const engine::Alert& a) { return a.kind == k; });
  };
  // Alerts hold while their condition does: raised (logged, counted) on the
  // first evaluation that sees them, cleared on the first that does not.
  for (const engine::Alert& a : now) {
    if (has(g.alerts, a.kind)) continue;
    ++counters_.alerts[{name, std::string(engine::to_string(a.kind))}];
    d_.log.log(a.kind == engine::AlertKind::kAllPoolsDown ? LogLevel::kError : LogLevel::kWarn,
               "alert",
               {{"group", name}, {"kind", engine::to_string(a.kind)}, {"message", a.message}});
  }
  for (const engine::Alert& a : g.alerts)
    if (!has(now, a.kind))
      d_.log.info("alert cleared", {{"group", name}, {"kind", engine::to_string(a.kind)}});
  g.alerts = now;
}

void Controller::audit(const Group& g, const std::string& from, const std::string& kind,
                       const std::string& actor, const std::string& reason,
                       std::optional<engine::WallTime> until) {
  state::AuditEntry e;
  e.time = d_.clock.wall_now();
  e.group = g.setup.config.name;
  e.from = from;
  e.to = g.state.decision.pool;
  e.reason = reason;
  e.actor = actor;
  e.epoch = g.state.decision.epoch;
  e.kind = kind;
  e.members = g.state.decision.members;
  e.until = until;
  try {
    d_.audit.append(e);
  } catch (const std::exception& ex) {
    // The decision stands (it is in state.json); the log says what was lost.
    d_.log.error("cannot write the audit log",
                 {{"error", ex.what()}, {"entry", state::AuditLog::to_json(e, 0)}});
  }
}

bool Controller::persist() {
  try {
    d_.store.save();
    return true;
  } catch (const std::exception& e) {
    ++counters_.persist_failures;
    d_.log.error("cannot save the state dir; decisions wait until it works",
                 {{"file", d_.store.file().string()}, {"error", e.what()}});
    if (!persist_retry_->active())
      persist_retry_->start(engine::Duration(1000), [this] { retry_persist(); });
    return false;
  }
}

void Controller::retry_persist() {
  if (!persist()) return;
  std::set<std::string> pending;
  pending.swap(unpublished_);
  for (const std::string& name : pending)
    if (Group* g = find(name)) publish(*g);
}

void Controller::publish(const Group& g) {
  d_.publisher.publish(wire(g.setup.config.name, g.state.decision));
}

void Controller::adopt(Group& g, const publish::WireDecision& held, const std::string& why) {
  const std::string& name = g.setup.config.name;
  const std::string from = g.state.decision.pool;
  const bool same = publish::same_content(held, wire(name, g.state.decision));
  g.state.decision = {held.pool, held.members, held.epoch, why};
  g.actor = "controller";
  g.decided_at = d_.clock.wall_now();
  d_.store.put_decision(name, g.state.decision, g.decided_at);
  ++counters_.adoptions;
  if (!same) audit(g, from, "auto", "controller", why);
  if (persist())
    publish(g);
  else
    unpublished_.insert(name);
}

void Controller::on_report(const publish::ServerReport& r) {
  Group* g = find(r.held.group);
  if (!g || !running_) return;
  engine::Decision& cur = g->state.decision;
  using Kind = publish::ServerReport::Kind;
  if (r.kind == Kind::kNewer && r.held.epoch > cur.epoch) {
    d_.log.warn("an auth server holds a newer decision; adopting it", {{"server", r.server},
                                                                       {"group", r.held.group},
                                                                       {"epoch", r.held.epoch},
                                                                       {"pool", r.held.pool},
                                                                       {"our_epoch", cur.epoch}});
    adopt(*g, r.held,
          "adopted from " + r.server + " (epoch " + std::to_string(r.held.epoch) +
              ", newer than ours, " + std::to_string(cur.epoch) + ")");
    evaluate(*g);
  } else if (r.kind == Kind::kConflict && r.held.epoch == cur.epoch &&
             !publish::same_content(r.held, wire(r.held.group, cur))) {
    // Two decisions under one epoch (a state dir restored from a backup):
    // ours goes out again under a new epoch, higher than any.
    d_.log.warn("an auth server holds our epoch with other content; re-issuing it",
                {{"server", r.server}, {"group", r.held.group}, {"epoch", cur.epoch}});
    cur.epoch = d_.store.next_epoch();
    d_.store.put_decision(r.held.group, cur, d_.clock.wall_now());
    if (persist())
      publish(*g);
    else
      unpublished_.insert(r.held.group);
  }
}

void Controller::reload(const zones::LoadResult& result) {
  const engine::WallTime now = d_.clock.wall_now();
  reload_.at = now;
  if (!result.ok()) {
    reload_.ok = false;
    reload_.error = first_errors(result.errors);
    ++counters_.reloads["failed"];
    json errors = json::array();
    for (const auto& e : result.errors) errors.push_back(e.to_string());
    d_.log.error("configuration rejected; still serving the previous one",
                 {{"dir", result.config.dir.string()}, {"errors", errors}});
    return;
  }
  std::map<std::string, std::unique_ptr<Group>> next;
  for (GroupSetup& s : group_setups(result.config)) {
    std::string name = s.config.name;
    auto old = groups_.find(name);
    if (old == groups_.end()) {
      d_.log.info("group added", {{"group", name}});
      next.emplace(std::move(name), make_group(std::move(s)));
      continue;
    }
    std::unique_ptr<Group> g = std::move(old->second);
    groups_.erase(old);
    g->setup = std::move(s);
    next.emplace(std::move(name), std::move(g));
  }
  for (auto& [name, g] : groups_) {
    d_.log.info("group removed", {{"group", name}});
    d_.store.forget(name);
    d_.publisher.forget(name);
    unpublished_.erase(name);
  }
  groups_ = std::move(next);
  checker_.set_targets(all_targets());
  reload_.ok = true;
  reload_.error.clear();
  reload_.commit = result.config.commit;
  ++counters_.reloads["ok"];
  if (d_.store.dirty()) persist();
  d_.log.info("configuration reloaded",
              {{"groups", groups_.size()},
               {"members", checker_.size()},
               {"commit", result.config.commit ? json(*result.config.commit) : json(nullptr)}});
  for (auto& [name, g] : groups_) evaluate(*g);
}

}  // namespace flipdns::daemon
