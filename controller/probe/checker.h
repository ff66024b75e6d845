// The health checker (STYLE 8): schedules a check of every member of every
// pool of every group, each at its own address and on its own timer, owns the
// sessions that run them, and keeps each member's health (rise/fall). What a
// result means for a group is the decision engine's; what to log and count is
// the caller's, told through one callback.
#pragma once

#include <compare>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "controller/engine/clock.h"
#include "controller/engine/decision.h"
#include "controller/engine/member_health.h"
#include "controller/net/timer.h"
#include "controller/probe/probe.h"

namespace flipdns::probe {

struct MemberKey {
  std::string group;
  std::string address;
  auto operator<=>(const MemberKey&) const = default;
};

// One finished check.
struct CheckEvent {
  MemberKey member;
  engine::CheckResult result;
  engine::Transition transition;
  engine::HealthState state;  // after this result
};

class Checker {
 public:
  using OnCheck = std::function<void(const CheckEvent&)>;

  Checker(ProbeFactory& probes, net::TimerFactory& timers, const engine::Clock& clock,
          engine::RandomSource& random, OnCheck on_check);
  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

  // Sets what to check, at start and on every reload. A member that stays
  // (same group, same address) keeps its health and evidence; new thresholds
  // apply to it from now on, and a changed check restarts its session. New
  // members start unknown, with a first check soon; removed ones stop.
  void set_targets(const std::vector<ProbeTarget>& targets);

  // nullptr for a member that is not checked.
  const engine::MemberHealth* health(const MemberKey& member) const;
  // The group's members and their states, as the decision engine reads them.
  engine::HealthMap health_map(const std::string& group) const;
  size_t size() const { return members_.size(); }

 private:
  struct Member {
    ProbeTarget target;
    engine::MemberHealth health;
    std::unique_ptr<ProbeSession> session;
    std::unique_ptr<net::Timer> timer;
    engine::MonoTime started{};
  };

  void schedule_first(Member& m);
  void start_check(Member& m);
  void finish_check(Member& m, ProbeOutcome outcome);

  ProbeFactory& probes_;
  net::TimerFactory& timers_;
  const engine::Clock& clock_;
  engine::RandomSource& random_;
  OnCheck on_check_;
  // unique_ptr: sessions' and timers' callbacks hold a Member's address.
  std::map<MemberKey, std::unique_ptr<Member>> members_;
};

engine::HealthThresholds thresholds_of(const CheckSpec& check);

}  // namespace flipdns::probe
