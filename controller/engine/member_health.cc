#include "controller/engine/member_health.h"

#include <stdexcept>
#include <utility>

namespace flipdns::engine {

std::string_view to_string(HealthState s) {
  switch (s) {
    case HealthState::kUnknown:
      return "unknown";
    case HealthState::kHealthy:
      return "healthy";
    case HealthState::kUnhealthy:
      return "unhealthy";
  }
  return "?";
}

std::string_view to_string(Transition t) {
  switch (t) {
    case Transition::kUnchanged:
      return "unchanged";
    case Transition::kPending:
      return "pending";
    case Transition::kChanged:
      return "changed";
  }
  return "?";
}

namespace {

void check_thresholds(const HealthThresholds& t) {
  if (t.rise < 1 || t.fall < 1) throw std::invalid_argument("rise and fall must be at least 1");
}

}  // namespace

MemberHealth::MemberHealth(HealthThresholds t) : t_(t) {
  check_thresholds(t_);
}

void MemberHealth::set_thresholds(HealthThresholds t) {
  check_thresholds(t);
  t_ = t;
  while (recent_.size() > t_.evidence) recent_.pop_front();
}

Transition MemberHealth::record(CheckResult r) {
  const bool ok = r.ok;
  recent_.push_back(std::move(r));
  while (recent_.size() > t_.evidence) recent_.pop_front();

  if (ok) {
    ++successes_;
    failures_ = 0;
  } else {
    ++failures_;
    if (state_ == HealthState::kUnknown) ++unknown_failures_;
    successes_ = 0;
  }

  const HealthState before = state_;
  switch (state_) {
    case HealthState::kUnknown:
      // A member that never strings `rise` successes together must still get a
      // verdict, or its group would wait for it forever at cold start. So while
      // unknown, failures count whether in a row or not: a member alternating
      // up and down is declared unhealthy after `fall` failures.
      if (ok && successes_ >= t_.rise) {
        state_ = HealthState::kHealthy;
      } else if (!ok && unknown_failures_ >= t_.fall) {
        state_ = HealthState::kUnhealthy;
      }
      break;
    case HealthState::kHealthy:
      if (!ok && failures_ >= t_.fall) state_ = HealthState::kUnhealthy;
      break;
    case HealthState::kUnhealthy:
      if (ok && successes_ >= t_.rise) state_ = HealthState::kHealthy;
      break;
  }
  if (state_ != before) {
    unknown_failures_ = 0;
    return Transition::kChanged;
  }
  const bool agrees =
      (state_ == HealthState::kHealthy && ok) || (state_ == HealthState::kUnhealthy && !ok);
  return agrees ? Transition::kUnchanged : Transition::kPending;
}

}  // namespace flipdns::engine
