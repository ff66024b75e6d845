// The data the decision engine reads and writes for one failover group. Plain
// values: the controller fills them from the zone configuration, the members'
// health and the operators' requests, and stores what comes back.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "controller/engine/clock.h"
#include "controller/engine/member_health.h"

namespace flipdns::engine {

// ---- configuration (from the zone YAML) ----

struct PoolConfig {
  std::string name;
  std::vector<std::string> members;  // addresses, as written in the zone
  int min_healthy = 1;               // values below 1 count as 1
};

enum class Failback {
  kManual,  // once failed over, go back to a better pool only on operator action
  kAuto,    // go back once the better pool has been healthy for `failback_after`
};

struct Policy {
  Duration hold_down{0};  // minimum time between a flip and the next automatic one
  Failback failback = Failback::kManual;
  Duration failback_after{0};  // kAuto only
};

struct GroupConfig {
  std::string name;               // "app.example.com."
  std::vector<PoolConfig> pools;  // in priority order, best first
  Policy policy;
};

// Member address → its health. A member missing from the map is unknown.
using HealthMap = std::map<std::string, HealthState>;

// ---- operator overrides ----

// "Serve this pool now": one decision, not a pin. Passed to one evaluation and
// then dropped by the caller.
struct ManualFlip {
  std::string pool;
  std::string actor;   // who asked (token name, user)
  std::string reason;  // their words
};

// "Serve this pool until `until`, whatever health says." Kept by the caller
// until it expires (the evaluation says so) or an operator removes it. Wall
// time, because a pin is persisted and shown to people; the caller keeps it
// across its own restarts.
struct Pin {
  std::string pool;
  WallTime until;
  std::string actor;
  std::string reason;
};

struct Overrides {
  std::optional<ManualFlip> flip;
  std::optional<Pin> pin;
};

// ---- the decision and what the engine remembers between evaluations ----

// What auth servers serve for the group. The epoch is the caller's: it assigns
// a new one whenever an evaluation reports a change.
struct Decision {
  std::string pool;
  std::vector<std::string> members;
  uint64_t epoch = 0;
  std::string reason;  // why this decision was made, in words
};

struct GroupState {
  Decision decision;
  // When this process last changed the group's pool (automatic, manual or pin).
  // Empty after a start: nothing delays the first automatic flip.
  std::optional<MonoTime> last_flip;
  // Pool name → since when it has had at least min_healthy healthy members,
  // as seen by consecutive evaluations. Failback waits on this.
  std::map<std::string, MonoTime> eligible_since;
  // Every member has had its first rise/fall evaluation since this process
  // started. Until then no automatic flip happens; once true it stays true, so
  // a member added later by a reload does not freeze the group again.
  bool warmed_up = false;
  // The current decision was made under a pin; lets the next evaluation say
  // that the pin ended.
  bool pinned = false;
};

// ---- the result ----

enum class Change {
  kNone,
  kMembers,  // same pool, different members served
  kPool,     // a flip
};

enum class AlertKind {
  kAllPoolsDown,     // no pool has min_healthy healthy members; last decision kept
  kNoHealthyMember,  // the pool being served has no healthy member at all
  kUnknownPool,      // an override names a pool the group does not have; ignored
  kFlipIgnored,      // a manual flip while a pin holds; ignored
};

struct Alert {
  AlertKind kind;
  std::string message;
};

struct Evaluation {
  GroupState next;  // store it; if `change` is not kNone, give next.decision a new epoch
  Change change = Change::kNone;
  // This evaluation's outcome in words, also when nothing changed ("hold-down:
  // ...; flip allowed in 7s"). Equals next.decision.reason when changed.
  std::string reason;
  // "controller" for automatic decisions, else the operator behind the flip or pin.
  std::string actor;
  // Conditions that hold now. Raised on every evaluation while they hold: the
  // caller decides when to notify (for example on the first one of a kind).
  std::vector<Alert> alerts;
  bool pin_expired = false;  // the caller should drop its pin
  // The earliest time at which evaluating again with the same inputs could give
  // a different result (hold-down ending, failback delay reached, pin expiry).
  std::optional<MonoTime> wake_at;

  bool changed() const { return change != Change::kNone; }
};

std::string_view to_string(Change c);
std::string_view to_string(AlertKind k);
std::string_view to_string(Failback f);

}  // namespace flipdns::engine
