// What one auth server holds compared with what the controller wants, and
// what to do about it: which groups to push, when to retry after a failure,
// and what to tell the controller when the server holds something newer. Pure
// bookkeeping — the publisher does the requests and the timers — so every
// rule is tested without a network.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "controller/engine/clock.h"
#include "controller/publish/decision_wire.h"

namespace flipdns::publish {

using engine::Duration;

// A server holds a decision the controller did not expect: a higher epoch
// (another controller, or this one's state lost), or the same epoch with other
// content. Epochs never go backwards: the controller adopts the newer one or
// answers with a new, higher epoch.
struct ServerReport {
  enum class Kind { kNewer, kConflict };
  std::string server;
  WireDecision held;
  Kind kind;
};

struct ServerStatus {
  std::string url;
  bool reachable = false;  // its last answer was a good one
  bool in_sync = false;    // reachable and holding every decision the controller wants
  size_t behind = 0;       // groups where it holds something else than wanted
  Duration lag{0};         // how long it has not been in sync (0 when it is)
  std::optional<engine::WallTime> last_ok;
  std::string last_error;
  std::optional<engine::WallTime> last_error_at;
  unsigned consecutive_failures = 0;
  uint64_t puts_ok = 0, puts_failed = 0, conflicts = 0, rejected = 0;
  uint64_t fetches_ok = 0, fetches_failed = 0;
};

// The delay before the n-th retry in a row (n ≥ 1): 250 ms doubling up to `max`.
Duration retry_delay(unsigned failures, Duration max);

class ServerSync {
 public:
  ServerSync(std::string url, Duration max_backoff);
  const std::string& url() const { return url_; }

  // What the controller wants served (its epoch > 0).
  void want(const WireDecision& d, engine::Now now);
  void drop(const std::string& group, engine::Now now);

  // Groups to PUT now. None while a fetch must come first (after a conflict
  // or a failure) or while backing off.
  std::vector<const WireDecision*> due(engine::MonoTime now) const;
  // A GET /v1/decisions should start now.
  bool fetch_due(engine::MonoTime now) const;
  std::optional<engine::MonoTime> retry_at() const { return retry_at_; }

  void put_started(const WireDecision& sent);
  void put_ok(const std::string& group, engine::Now now);
  // 409: the server holds a newer epoch, or this one with other content.
  void put_conflict(const std::string& group, engine::Now now);
  // 400 or 404: the server's configuration does not have this group, pool or
  // member. Not retried for this epoch until the next fetch.
  void put_rejected(const std::string& group, const std::string& error, engine::Now now);
  // No answer, 401, 403, 5xx...: the whole server backs off.
  void put_failed(const std::string& group, const std::string& error, engine::Now now);

  void fetch_started();
  // The server's decisions; returns what the controller must hear about.
  std::vector<ServerReport> fetched(const std::vector<WireDecision>& held, engine::Now now);
  void fetch_failed(const std::string& error, engine::Now now);

  bool busy() const { return fetching_ || !in_flight_.empty(); }
  ServerStatus status(engine::MonoTime now) const;

 private:
  void fail(const std::string& error, engine::Now now);
  bool group_in_sync(const std::string& group, const WireDecision& w) const;
  void update_sync(engine::Now now);

  std::string url_;
  Duration max_backoff_;
  std::map<std::string, WireDecision> wanted_;
  std::map<std::string, WireDecision> held_;       // as far as we know
  std::map<std::string, WireDecision> in_flight_;  // PUTs sent
  std::map<std::string, uint64_t> rejected_;       // group → epoch refused
  bool fetching_ = false;
  bool fetch_needed_ = true;  // nothing is known of a server before its first fetch
  std::optional<engine::MonoTime> retry_at_;
  std::optional<engine::MonoTime> out_of_sync_since_;
  ServerStatus st_;
};

}  // namespace flipdns::publish
