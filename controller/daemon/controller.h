// The decision loop of flipdns-controller, on the loop thread:
//   check results → member health (Checker) → decision engine → new epoch →
//   state dir (persist) → audit log → publisher (every auth server).
// It evaluates a group when one of its members changes state, when an
// operator flips, pins or unpins, on a reload, and when the engine asks to be
// woken; side effects happen here, after the engine's pure decision (STYLE
// 11). It also answers the REST API (api::Backend); the daemon hands API
// calls over from the server's threads.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "controller/api/backend.h"
#include "controller/daemon/group_setup.h"
#include "controller/daemon/metrics.h"
#include "controller/daemon/views.h"
#include "controller/engine/clock.h"
#include "controller/engine/decision.h"
#include "controller/net/timer.h"
#include "controller/probe/checker.h"
#include "controller/publish/publisher.h"
#include "controller/state/audit_log.h"
#include "controller/state/state_store.h"
#include "resolver/server/logger.h"
#include "zones/config_dir.h"

namespace flipdns::daemon {

struct ControllerDeps {
  const engine::Clock& clock;
  engine::RandomSource& random;
  net::TimerFactory& timers;
  probe::ProbeFactory& probes;
  publish::Publisher& publisher;
  state::StateStore& store;
  state::AuditLog& audit;
  Logger& log;
};

struct ReloadStatus {
  bool ok = true;
  std::string error;  // the first errors, one per line
  std::optional<engine::WallTime> at;
  std::optional<std::string> commit;  // of the configuration being served
};

class Controller final : public api::Backend {
 public:
  Controller(ControllerDeps deps, const zones::ConfigSet& config);
  ~Controller() override;
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  // Starts every check and reads the auth servers; decisions start once the
  // publisher has heard from each of them (or given up on it).
  void start();
  // A new configuration (SIGHUP, --watch): applied whole, or on errors not at
  // all (reported in /healthz and the log).
  void reload(const zones::LoadResult& result);
  bool running() const { return running_; }
  // Called once, when the cold start is over and decisions begin.
  void on_running(std::function<void()> f) { on_running_ = std::move(f); }
  const ReloadStatus& last_reload() const { return reload_; }

  // api::Backend
  api::Reply groups() override;
  api::Reply group(const std::string& name) override;
  api::Reply flip(const std::string& group, const api::FlipRequest& r,
                  const api::Identity& who) override;
  api::Reply pin(const std::string& group, const api::PinRequest& r,
                 const api::Identity& who) override;
  api::Reply unpin(const std::string& group, const api::Identity& who) override;
  api::Reply audit(const api::AuditQuery& q) override;
  api::Reply servers() override;
  api::Reply healthz() override;
  std::string metrics() override;

 private:
  struct Group {
    GroupSetup setup;
    engine::GroupState state;
    engine::Overrides overrides;
    std::string status;                // the latest evaluation's reason
    std::string actor = "controller";  // who made the current decision
    engine::WallTime decided_at{};
    std::vector<engine::Alert> alerts;  // holding now
    std::unique_ptr<net::Timer> wake;
  };
  // An operator's request behind an evaluation, for the audit log.
  struct Action {
    std::string kind;  // flip | pin | unpin
    std::string actor;
    std::optional<engine::WallTime> until;
  };

  std::unique_ptr<Group> make_group(GroupSetup setup);
  std::vector<probe::ProbeTarget> all_targets() const;
  Group* find(const std::string& name);
  GroupView view(const Group& g) const;

  void on_check(const probe::CheckEvent& e);
  void on_started(const std::vector<publish::ServerView>& views);
  void on_report(const publish::ServerReport& r);
  void evaluate(Group& g, const std::optional<Action>& action = std::nullopt);
  void note_alerts(Group& g, const std::vector<engine::Alert>& now);
  void adopt(Group& g, const publish::WireDecision& held, const std::string& why);
  void audit(const Group& g, const std::string& from, const std::string& kind,
             const std::string& actor, const std::string& reason,
             std::optional<engine::WallTime> until = std::nullopt);
  // Saves the state dir; false (logged, retried by a timer) on failure.
  bool persist();
  void retry_persist();
  void publish(const Group& g);
  api::Reply check_override(const std::string& group, const std::string* pool, Group*& out);

  ControllerDeps d_;
  // unique_ptr: timers and callbacks hold a Group's address across reloads.
  std::map<std::string, std::unique_ptr<Group>> groups_;
  probe::Checker checker_;
  bool running_ = false;
  ReloadStatus reload_;
  Counters counters_;
  // Groups whose decision waits for the state dir to be writable again.
  std::set<std::string> unpublished_;
  std::unique_ptr<net::Timer> persist_retry_;
  std::function<void()> on_running_;
};

}  // namespace flipdns::daemon
