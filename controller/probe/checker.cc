#include "controller/probe/checker.h"

#include <utility>

#include "controller/engine/jitter.h"

namespace flipdns::probe {

engine::HealthThresholds thresholds_of(const CheckSpec& c) {
  engine::HealthThresholds t;
  t.rise = c.rise;
  t.fall = c.fall;
  return t;
}

Checker::Checker(ProbeFactory& probes, net::TimerFactory& timers, const engine::Clock& clock,
                 engine::RandomSource& random, OnCheck on_check)
    : probes_(probes),
      timers_(timers),
      clock_(clock),
      random_(random),
      on_check_(std::move(on_check)) {}

void Checker::set_targets(const std::vector<ProbeTarget>& targets) {
  std::map<MemberKey, std::unique_ptr<Member>> next;
  for (const ProbeTarget& t : targets) {
    MemberKey key{t.group, t.address};
    if (next.contains(key)) continue;  // listed in two pools of one group: one check
    auto old = members_.find(key);
    if (old != members_.end()) {
      std::unique_ptr<Member> m = std::move(old->second);
      members_.erase(old);
      m->health.set_thresholds(thresholds_of(t.check));
      const bool restart = !m->target.check.same_probe(t.check);
      m->target = t;
      if (restart) {
        m->session = probes_.make_session(t);
        schedule_first(*m);
      }
      next.emplace(std::move(key), std::move(m));
      continue;
    }
    auto m = std::make_unique<Member>(Member{t,
                                             engine::MemberHealth(thresholds_of(t.check)),
                                             probes_.make_session(t),
                                             timers_.make_timer(),
                                             {}});
    schedule_first(*m);
    next.emplace(std::move(key), std::move(m));
  }
  // What is left in members_ is no longer configured: destroying it cancels
  // its session and its timer.
  members_ = std::move(next);
}

void Checker::schedule_first(Member& m) {
  // Members loaded together would otherwise be checked in lockstep; a spread
  // over a tenth of the interval keeps the cold start short.
  const auto spread = m.target.check.interval.count() / 10 + 1;
  m.timer->start(Duration(static_cast<int64_t>(random_.next() % static_cast<uint64_t>(spread))),
                 [this, &m] { start_check(m); });
}

void Checker::start_check(Member& m) {
  m.started = clock_.now();
  m.session->run([this, &m](ProbeOutcome o) { finish_check(m, std::move(o)); });
}

void Checker::finish_check(Member& m, ProbeOutcome o) {
  // Checks start an interval apart, not an interval after the previous one
  // ended: a slow member is not checked less often than a quick one.
  const Duration period = engine::interval_with_jitter(m.target.check.interval, random_.next());
  const auto elapsed = std::chrono::duration_cast<Duration>(clock_.now() - m.started);
  m.timer->start(std::max(period - elapsed, engine::kMinInterval), [this, &m] { start_check(m); });

  engine::CheckResult r{clock_.wall_now(), o.ok, o.latency, std::move(o.error)};
  engine::Transition t = m.health.record(r);
  on_check_(CheckEvent{{m.target.group, m.target.address}, std::move(r), t, m.health.state()});
}

const engine::MemberHealth* Checker::health(const MemberKey& member) const {
  auto it = members_.find(member);
  return it == members_.end() ? nullptr : &it->second->health;
}

engine::HealthMap Checker::health_map(const std::string& group) const {
  engine::HealthMap out;
  for (auto it = members_.lower_bound(MemberKey{group, ""});
       it != members_.end() && it->first.group == group; ++it)
    out[it->first.address] = it->second->health.state();
  return out;
}

}  // namespace flipdns::probe
