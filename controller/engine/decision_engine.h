// The decision engine: which pool of a failover group is served, and which of
// its members. A pure, deterministic function of the group's configuration,
// its members' health, the operators' overrides, what was decided before, and
// the time — so every rule can be tested with a fake clock. It returns the
// decision; logging, persisting, publishing and alerting are the caller's
// (STYLE 11). The rules in words are in README.md next to this file.
#pragma once

#include "controller/engine/clock.h"
#include "controller/engine/decision.h"

namespace flipdns::engine {

// What auth servers serve for a group they never received a decision for: the
// first pool, all its members. The state to start from when no auth server
// holds a decision for the group.
GroupState initial_state(const GroupConfig& group);

// Call it whenever a member of the group changes state (a kChanged transition),
// an override arrives or is removed, the configuration is reloaded, and at
// `wake_at`. Failback counts continuous health from one evaluation to the next,
// so skipping the evaluations of health changes would hide a flap.
Evaluation evaluate(const GroupConfig& group, const HealthMap& health, const Overrides& overrides,
                    const GroupState& previous, Now now);

}  // namespace flipdns::engine
