#include "controller/engine/decision_engine.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "controller/engine/pool_status.h"
#include "controller/engine/time_text.h"

namespace flipdns::engine {
namespace {

constexpr const char* kController = "controller";
constexpr std::chrono::hours kFarFuture{24 * 365 * 100};

std::optional<size_t> find_pool(const std::vector<PoolStatus>& pools, const std::string& name) {
  for (size_t i = 0; i < pools.size(); ++i) {
    if (pools[i].name() == name) return i;
  }
  return std::nullopt;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// "+a, -b": how the served members moved, for the reason of a kMembers change.
std::string member_diff(const std::vector<std::string>& before,
                        const std::vector<std::string>& after) {
  std::string out;
  auto add = [&out](char sign, const std::string& m) {
    out += out.empty() ? "" : ", ";
    out += sign;
    out += m;
  };
  for (const std::string& m : after) {
    if (std::find(before.begin(), before.end(), m) == before.end()) add('+', m);
  }
  for (const std::string& m : before) {
    if (std::find(after.begin(), after.end(), m) == after.end()) add('-', m);
  }
  return out;
}

// One evaluation's working data, so that each rule reads as a short method.
class Evaluator {
 public:
  Evaluator(const GroupConfig& group, const HealthMap& health, const Overrides& overrides,
            const GroupState& previous, Now now)
      : group_(group),
        overrides_(overrides),
        prev_(previous),
        now_(now),
        pools_(pool_status(group, health)) {
    out_.next = previous;
    out_.actor = kController;
  }

  Evaluation run() {
    if (pools_.empty()) {
      out_.reason = "group has no pools";
      return std::move(out_);
    }
    track_eligibility();
    resolve_current_pool();
    if (apply_pin() || apply_manual_flip()) return finish();
    decide_automatically();
    return finish();
  }

 private:
  GroupState& st() { return out_.next; }
  const GroupState& st() const { return out_.next; }
  const PoolStatus& current() const { return pools_[cur_]; }

  void note(std::string s) { notes_.push_back(std::move(s)); }
  void alert(AlertKind kind, std::string message) {
    out_.alerts.push_back({kind, std::move(message)});
  }
  void wake_at(MonoTime t) {
    if (t <= now_.mono) return;
    if (!out_.wake_at || t < *out_.wake_at) out_.wake_at = t;
  }

  // Failback needs to know how long each pool has been good without a break.
  void track_eligibility() {
    std::map<std::string, MonoTime> since;
    for (const PoolStatus& p : pools_) {
      if (!p.eligible()) continue;
      auto it = st().eligible_since.find(p.name());
      since[p.name()] = it == st().eligible_since.end() ? now_.mono : it->second;
    }
    st().eligible_since = std::move(since);
    bool all_known = std::all_of(pools_.begin(), pools_.end(),
                                 [](const PoolStatus& p) { return p.unknown == 0; });
    if (all_known) st().warmed_up = true;
  }

  // A group with no decision yet, or whose pool a reload removed, starts from
  // what auth servers serve by default: the first pool, all its members. Moving
  // off it is not delayed by hold-down, since no configured pool is left behind.
  void resolve_current_pool() {
    if (auto i = find_pool(pools_, prev_.decision.pool)) {
      cur_ = *i;
      return;
    }
    note(prev_.decision.pool.empty()
             ? "no decision yet: starting from the first pool, as auth servers do"
             : "pool " + prev_.decision.pool + " is no longer configured");
    cur_ = 0;
    st().decision.pool = pools_[0].name();
    st().decision.members = pools_[0].config->members;
    from_configured_pool_ = false;
  }

  // Serves `target` because an operator said so, even below min_healthy: its
  // healthy members, or all of them if none is healthy.
  void serve_override(size_t target, std::string why) {
    const PoolStatus& p = pools_[target];
    std::string reason = std::move(why) + "; " + describe(p);
    if (p.healthy.empty()) {
      std::string text = p.name() + " has no healthy member; serving all " +
                         std::to_string(p.size()) + " of its members on operator request";
      reason += "; no healthy member, serving all " + std::to_string(p.size());
      alert(AlertKind::kNoHealthyMember, text);
      set_decision(target, p.config->members);
    } else {
      set_decision(target, p.healthy);
    }
    reason_ = std::move(reason);
  }

  bool apply_pin() {
    std::optional<Pin> pin = overrides_.pin;
    if (pin && now_.wall >= pin->until) {
      out_.pin_expired = true;
      note("pin to " + pin->pool + " expired at " + format_wall_time(pin->until));
      pin.reset();
    }
    if (!pin) return false;
    auto target = find_pool(pools_, pin->pool);
    if (!target) {
      alert(AlertKind::kUnknownPool, "pin names unknown pool " + pin->pool + "; ignored");
      return false;
    }
    if (overrides_.flip) {
      alert(AlertKind::kFlipIgnored, "manual flip to " + overrides_.flip->pool +
                                         " ignored: pinned to " + pin->pool + " until " +
                                         format_wall_time(pin->until));
    }
    st().pinned = true;
    out_.actor = pin->actor;
    // Convert the wall-clock expiry to the monotonic clock for the wake-up,
    // capped so that a pin "forever" cannot overflow the time point.
    const auto left = std::min<std::chrono::nanoseconds>(pin->until - now_.wall, kFarFuture);
    wake_at(now_.mono + left);
    serve_override(*target, "pinned to " + pin->pool + " until " + format_wall_time(pin->until) +
                                " by " + pin->actor + ": " + pin->reason);
    return true;
  }

  bool apply_manual_flip() {
    const std::optional<ManualFlip>& flip = overrides_.flip;
    if (!flip) return false;
    auto target = find_pool(pools_, flip->pool);
    if (!target) {
      alert(AlertKind::kUnknownPool, "manual flip names unknown pool " + flip->pool + "; ignored");
      return false;
    }
    end_pin();
    out_.actor = flip->actor;
    serve_override(*target,
                   "manual flip to " + flip->pool + " by " + flip->actor + ": " + flip->reason);
    return true;
  }

  void end_pin() {
    if (!st().pinned) return;
    st().pinned = false;
    if (!out_.pin_expired) note("pin removed");
  }

  void decide_automatically() {
    end_pin();
    if (!st().warmed_up) return cold_start();
    std::optional<size_t> best;
    for (size_t i = 0; i < pools_.size() && !best; ++i) {
      if (pools_[i].eligible()) best = i;
    }
    if (!best) return all_pools_down();

    size_t target = cur_;
    std::string why;
    if (*best == cur_) {
      why = describe(current());
    } else if (!current().eligible()) {
      // Leaving a pool that is down is a failover, whichever direction it goes,
      // and failback policy does not hold it back.
      target = *best;
      why = describe(current()) + "; " + describe(pools_[*best]);
    } else if (group_.policy.failback == Failback::kManual) {
      why = describe(pools_[*best]) + "; failback is manual: staying on " + current().name() +
            " until an operator flips; " + describe(current());
    } else {
      target = failback_target(why);
    }

    if (target != cur_ && held_down()) {
      const MonoTime until = *st().last_flip + group_.policy.hold_down;
      wake_at(until);
      why = "hold-down: " + why + "; flip to " + pools_[target].name() + " allowed in " +
            format_duration(ceil_ms(until - now_.mono));
      target = cur_;
      if (current().healthy.empty()) {
        alert(AlertKind::kNoHealthyMember,
              current().name() + " has no healthy member; hold-down keeps it served");
      }
    }
    reason_ = std::move(why);
    set_decision(target, target == cur_ ? stay_members() : pools_[target].healthy);
  }

  // Automatic failback: the best pool above the current one that has been
  // eligible for failback_after without a break, if any.
  size_t failback_target(std::string& why) {
    const Duration after = group_.policy.failback_after;
    std::optional<MonoTime> earliest;
    for (size_t i = 0; i < cur_; ++i) {
      if (!pools_[i].eligible()) continue;
      const MonoTime since = st().eligible_since.at(pools_[i].name());
      if (now_.mono - since >= after) {
        why = "failback: " + describe(pools_[i]) + " for " +
              format_duration(std::chrono::floor<Duration>(now_.mono - since)) +
              " (failback after " + format_duration(after) + ")";
        return i;
      }
      if (!earliest || since + after < *earliest) earliest = since + after;
      if (why.empty()) {
        why = describe(pools_[i]) + " for " +
              format_duration(std::chrono::floor<Duration>(now_.mono - since)) + " of the " +
              format_duration(after) + " failback needs; " + describe(current());
      }
    }
    if (earliest) wake_at(*earliest);
    return cur_;
  }

  bool held_down() const {
    if (!from_configured_pool_ || !st().last_flip) return false;
    return now_.mono < *st().last_flip + group_.policy.hold_down;
  }

  void cold_start() {
    size_t unknown = 0, total = 0;
    for (const PoolStatus& p : pools_) {
      unknown += p.unknown;
      total += p.size();
    }
    reason_ = "cold start: waiting for the first health evaluation of " + std::to_string(unknown) +
              " of " + std::to_string(total) + " members; keeping " + current().name();
    set_decision(cur_, st().decision.members);
  }

  // Nothing is good enough: keep the pool we have rather than serve nothing or
  // jump between dead pools.
  void all_pools_down() {
    std::string text =
        "every pool below min_healthy (" + describe_all(pools_) + "); keeping " + current().name();
    alert(AlertKind::kAllPoolsDown, text);
    reason_ = std::move(text);
    set_decision(cur_, stay_members());
  }

  // Members to serve while staying on the current pool: its healthy ones; if
  // none is healthy, the last members (never an empty answer).
  std::vector<std::string> stay_members() const {
    if (!current().healthy.empty()) return current().healthy;
    std::vector<std::string> kept;
    for (const std::string& m : st().decision.members) {
      const auto& all = current().config->members;
      if (std::find(all.begin(), all.end(), m) != all.end()) kept.push_back(m);
    }
    return kept.empty() ? current().config->members : kept;
  }

  void set_decision(size_t pool, std::vector<std::string> members) {
    target_ = pool;
    members_ = std::move(members);
  }

  Evaluation finish() {
    std::string reason;
    for (const std::string& n : notes_) reason += n + "; ";
    reason += reason_;

    Decision& d = st().decision;
    const std::string& pool = pools_[target_].name();
    if (pool != prev_.decision.pool) {
      out_.change = Change::kPool;
      // The first decision, or a move off a pool that no longer exists, is not
      // a flip between served pools: it must not hold down the next one.
      if (from_configured_pool_) st().last_flip = now_.mono;
      d.pool = pool;
      d.members = std::move(members_);
    } else if (sorted(members_) != sorted(prev_.decision.members)) {
      out_.change = Change::kMembers;
      reason += "; served members: " + member_diff(prev_.decision.members, members_);
      d.members = std::move(members_);
    }
    if (out_.changed()) d.reason = reason;
    out_.reason = std::move(reason);
    return std::move(out_);
  }

  const GroupConfig& group_;
  const Overrides& overrides_;
  const GroupState& prev_;
  const Now now_;
  const std::vector<PoolStatus> pools_;

  Evaluation out_;
  size_t cur_ = 0;  // the pool served before this evaluation
  bool from_configured_pool_ = true;
  std::vector<std::string> notes_;
  std::string reason_;
  size_t target_ = 0;
  std::vector<std::string> members_;
};

}  // namespace

GroupState initial_state(const GroupConfig& group) {
  GroupState s;
  if (!group.pools.empty()) {
    s.decision.pool = group.pools[0].name;
    s.decision.members = group.pools[0].members;
    s.decision.reason = "no decision yet: the first pool, all members";
  }
  return s;
}

Evaluation evaluate(const GroupConfig& group, const HealthMap& health, const Overrides& overrides,
                    const GroupState& previous, Now now) {
  return Evaluator(group, health, overrides, previous, now).run();
}

}  // namespace flipdns::engine
