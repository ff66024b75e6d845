// What a server serves right now: the configuration and the decision held for
// each failover group, turned into the zone-set snapshot the workers read.
// Every change (a decision, a reload) is checked whole, made durable, then
// published as a new snapshot; a rejected change leaves everything as it was.
//
// SOA serials: a zone's serial is its configuration's base serial plus the
// epochs of its groups' decisions, so servers given the same configuration and
// decisions agree. It is served only if it moves forward (RFC 1982) from the
// serial last served for different data; otherwise that serial plus one is (two
// commits in one second, a group with a high epoch removed, an epoch jump past
// 2^31). Unchanged data keeps its serial.
//
// SOA serials: a zone's serial is its configuration's base serial plus the
// epochs of its groups' decisions, so servers given the same configuration and
// decisions agree. It is only served if it moves forward (RFC 1982) from the
// serial last served for different data; otherwise that serial plus one is (two
// commits in one second, a group with a high epoch removed, an epoch jump past
// 2^31). Unchanged data keeps its serial.
// Control-plane only: one mutex, never touched per query.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "resolver/decisions/decision.h"
#include "resolver/decisions/decision_store.h"
#include "resolver/decisions/served_config.h"
#include "resolver/zone/zone_set.h"

namespace flipdns::decisions {

struct PutResult {
  int status = 200;  // 200, 400 (bad pool/members), 404 (unknown group), 409 (stale epoch), 500
  std::string error;
  bool changed = false;
};

class ServingState {
 public:
  using Publish = std::function<void(std::shared_ptr<const zone::ZoneSet>)>;

  // Loads the persisted decisions (throws std::runtime_error if they cannot be
  // read) and publishes the first snapshot before returning, so nothing is
  // answered before the saved decisions are in force.
  ServingState(std::shared_ptr<const ServedConfig> config, DecisionStore store, Publish publish);

  // PUT /v1/decisions/{group}.
  PutResult put(const Decision& d);

  // The decision in force for every configured group, in config order. A group
  // never decided serves its first pool with all members, at epoch 0.
  std::vector<Decision> decisions() const;

  // Swaps in a new configuration, keeping the decisions of groups that still
  // exist (pools that vanished fall back to the default, members that vanished
  // are dropped). Throws std::runtime_error, changing nothing, if the new serials
  // cannot be persisted.
  void reload(std::shared_ptr<const ServedConfig> next);

  std::shared_ptr<const ServedConfig> config() const;
  std::shared_ptr<const zone::ZoneSet> snapshot() const;

 private:
  // The zone as it would be served with `next` (decisions and serials, which
  // this updates for the zone).
  zone::ServedZone serve_zone(std::size_t zone, SavedState& next) const;
  // Persists `next` if it differs from what is saved, then publishes `zones`.
  void commit(SavedState next, std::vector<zone::ServedZone> zones);
  // Every zone from scratch (start, reload). Throws if it cannot be persisted.
  void publish_all();

  mutable std::mutex mu_;
  std::shared_ptr<const ServedConfig> config_;  // guarded by mu_, as is everything below
  DecisionStore store_;
  Publish publish_;
  SavedState saved_;  // as persisted; may name groups and zones the config no longer has
  std::shared_ptr<const zone::ZoneSet> snapshot_;
};

}  // namespace flipdns::decisions
