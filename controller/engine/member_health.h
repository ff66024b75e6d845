// The health of one member (one address) from the results of its checks:
// rise/fall with hysteresis, plus the last few checks kept as evidence for the
// API. Protocol code only says success or failure (STYLE 8); this class decides
// what a run of results means. It does nothing else: no logging, no timers.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

#include "controller/engine/clock.h"

namespace flipdns::engine {

enum class HealthState { kUnknown, kHealthy, kUnhealthy };

// What one result did to the state.
enum class Transition {
  kUnchanged,  // the result agrees with the state
  kPending,    // the result disagrees (or the state is still unknown) but the
               // threshold is not reached yet
  kChanged,    // the state changed, the first evaluation (unknown → X) included
};

std::string_view to_string(HealthState s);
std::string_view to_string(Transition t);

// One check, as the probe saw it. Every failure — a 5xx, a timeout, a TLS
// error, a refused connection — is ok == false; `error` says which.
struct CheckResult {
  WallTime at;
  bool ok = false;
  Duration latency{0};
  std::string error;  // empty when ok
};

struct HealthThresholds {
  int rise = 2;          // successes in a row to become healthy
  int fall = 3;          // failures in a row to become unhealthy
  size_t evidence = 10;  // how many recent checks to keep
};

class MemberHealth {
 public:
  // Throws std::invalid_argument if rise or fall is below 1.
  explicit MemberHealth(HealthThresholds t = {});

  Transition record(CheckResult r);

  // New thresholds (a configuration reload); the state, the streaks and the
  // evidence carry over. A streak that already meets a lowered threshold takes
  // effect with the next result, not silently now.
  void set_thresholds(HealthThresholds t);

  HealthState state() const { return state_; }
  bool evaluated() const { return state_ != HealthState::kUnknown; }
  int successes_in_a_row() const { return successes_; }
  int failures_in_a_row() const { return failures_; }
  // Oldest first, at most `evidence` entries.
  const std::deque<CheckResult>& recent() const { return recent_; }
  const HealthThresholds& thresholds() const { return t_; }

 private:
  HealthThresholds t_;
  HealthState state_ = HealthState::kUnknown;
  int successes_ = 0;
  int failures_ = 0;
  // Failures seen while still unknown, in a row or not: see record().
  int unknown_failures_ = 0;
  std::deque<CheckResult> recent_;
};

}  // namespace flipdns::engine
