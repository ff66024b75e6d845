#include "controller/publish/server_sync.h"

#include <algorithm>

namespace flipdns::publish {

Duration retry_delay(unsigned failures, Duration max) {
  Duration d(250);
  for (unsigned i = 1; i < failures && d < max; ++i) d *= 2;
  return std::min(d, max);
}

ServerSync::ServerSync(std::string url, Duration max_backoff)
    : url_(std::move(url)), max_backoff_(max_backoff) {
  st_.url = url_;
}

void ServerSync::want(const WireDecision& d, engine::Now now) {
  wanted_[d.group] = d;
  update_sync(now);
}

void ServerSync::drop(const std::string& group, engine::Now now) {
  wanted_.erase(group);
  rejected_.erase(group);
  update_sync(now);
}

std::vector<const WireDecision*> ServerSync::due(engine::MonoTime now) const {
  std::vector<const WireDecision*> out;
  if (fetch_needed_ || fetching_ || (retry_at_ && now < *retry_at_)) return out;
  for (const auto& [group, w] : wanted_) {
    if (in_flight_.contains(group)) continue;
    if (auto r = rejected_.find(group); r != rejected_.end() && r->second == w.epoch) continue;
    auto h = held_.find(group);
    // Equal epochs with other content are a conflict for the controller to
    // settle with a new epoch; pushing the same epoch again would only be
    // refused.
    if (h == held_.end() || h->second.epoch < w.epoch) out.push_back(&w);
  }
  return out;
}

bool ServerSync::fetch_due(engine::MonoTime now) const {
  return fetch_needed_ && !fetching_ && (!retry_at_ || now >= *retry_at_);
}

void ServerSync::put_started(const WireDecision& sent) {
  in_flight_[sent.group] = sent;
}

void ServerSync::put_ok(const std::string& group, engine::Now now) {
  auto it = in_flight_.find(group);
  if (it != in_flight_.end()) {
    held_[group] = it->second;
    in_flight_.erase(it);
  }
  st_.reachable = true;
  st_.consecutive_failures = 0;
  st_.last_ok = now.wall;
  ++st_.puts_ok;
  update_sync(now);
}

void ServerSync::put_conflict(const std::string& group, engine::Now now) {
  in_flight_.erase(group);
  st_.reachable = true;
  ++st_.conflicts;
  fetch_needed_ = true;
  update_sync(now);
}

void ServerSync::put_rejected(const std::string& group, const std::string& error, engine::Now now) {
  auto it = in_flight_.find(group);
  if (it != in_flight_.end()) {
    rejected_[group] = it->second.epoch;
    in_flight_.erase(it);
  }
  st_.reachable = true;
  st_.last_error = error;
  st_.last_error_at = now.wall;
  ++st_.rejected;
  update_sync(now);
}

void ServerSync::put_failed(const std::string& group, const std::string& error, engine::Now now) {
  in_flight_.erase(group);
  ++st_.puts_failed;
  fail(error, now);
}

void ServerSync::fetch_started() {
  fetching_ = true;
}

void ServerSync::fetch_failed(const std::string& error, engine::Now now) {
  fetching_ = false;
  ++st_.fetches_failed;
  fail(error, now);
}

void ServerSync::fail(const std::string& error, engine::Now now) {
  st_.reachable = false;
  st_.last_error = error;
  st_.last_error_at = now.wall;
  ++st_.consecutive_failures;
  // What the server holds is unknown after a failure (it may have restarted
  // from an old disk): learn it again before pushing.
  fetch_needed_ = true;
  retry_at_ = now.mono + retry_delay(st_.consecutive_failures, max_backoff_);
  update_sync(now);
}

std::vector<ServerReport> ServerSync::fetched(const std::vector<WireDecision>& held,
                                              engine::Now now) {
  fetching_ = false;
  fetch_needed_ = false;
  retry_at_.reset();
  st_.reachable = true;
  st_.consecutive_failures = 0;
  st_.last_ok = now.wall;
  ++st_.fetches_ok;
  rejected_.clear();  // the server may have reloaded: try those again

  std::vector<ServerReport> reports;
  held_.clear();
  for (const WireDecision& h : held) {
    if (h.epoch == 0) continue;  // the server's default, not a decision
    held_[h.group] = h;
    auto w = wanted_.find(h.group);
    const uint64_t wanted_epoch = w == wanted_.end() ? 0 : w->second.epoch;
    if (h.epoch > wanted_epoch) {
      reports.push_back({url_, h, ServerReport::Kind::kNewer});
    } else if (h.epoch == wanted_epoch && !same_content(h, w->second)) {
      reports.push_back({url_, h, ServerReport::Kind::kConflict});
    }
  }
  update_sync(now);
  return reports;
}

bool ServerSync::group_in_sync(const std::string& group, const WireDecision& w) const {
  auto h = held_.find(group);
  return h != held_.end() && h->second.epoch == w.epoch && same_content(h->second, w);
}

void ServerSync::update_sync(engine::Now now) {
  size_t behind = 0;
  for (const auto& [group, w] : wanted_) behind += group_in_sync(group, w) ? 0 : 1;
  st_.behind = behind;
  const bool in_sync = st_.reachable && behind == 0;
  if (in_sync) {
    out_of_sync_since_.reset();
  } else if (!out_of_sync_since_) {
    out_of_sync_since_ = now.mono;
  }
  st_.in_sync = in_sync;
}

ServerStatus ServerSync::status(engine::MonoTime now) const {
  ServerStatus s = st_;
  s.lag = out_of_sync_since_ ? std::chrono::duration_cast<Duration>(now - *out_of_sync_since_)
                             : Duration(0);
  return s;
}

}  // namespace flipdns::publish
