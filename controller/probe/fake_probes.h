// Probe sessions for tests: each check stays pending until the test answers
// it, or is answered at once by a script. Tests assert on the checker's state
// and events, not on the order of calls (STYLE 10).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "controller/probe/checker.h"
#include "controller/probe/probe.h"

namespace flipdns::probe {

class FakeProbes final : public ProbeFactory {
 public:
  // When set, every check of `address` is answered at once with its result.
  void always(const std::string& address, bool ok, std::string error = "") {
    scripted_[address] = ProbeOutcome{ok, Duration(1), ok ? "" : std::move(error)};
  }
  void clear_script(const std::string& address) { scripted_.erase(address); }

  // Answers the pending check of `member`; false if none is pending.
  bool answer(const MemberKey& member, bool ok, std::string error = "");
  size_t pending() const;
  size_t runs(const MemberKey& member) const;
  size_t sessions_made() const { return made_; }
  size_t sessions_alive() const { return sessions_.size(); }

  std::unique_ptr<ProbeSession> make_session(const ProbeTarget& target) override;

 private:
  class Session;
  std::map<std::string, ProbeOutcome> scripted_;
  std::vector<Session*> sessions_;  // not owned: each unregisters itself
  size_t made_ = 0;
};

class FakeProbes::Session final : public ProbeSession {
 public:
  Session(FakeProbes& owner, ProbeTarget target) : owner_(owner), target_(std::move(target)) {
    owner_.sessions_.push_back(this);
  }
  ~Session() override { std::erase(owner_.sessions_, this); }

  void run(Done done) override {
    ++runs_;
    if (auto it = owner_.scripted_.find(target_.address); it != owner_.scripted_.end()) {
      done(it->second);
      return;
    }
    pending_ = std::move(done);
  }

  FakeProbes& owner_;
  ProbeTarget target_;
  Done pending_;
  size_t runs_ = 0;
};

inline std::unique_ptr<ProbeSession> FakeProbes::make_session(const ProbeTarget& target) {
  ++made_;
  return std::make_unique<Session>(*this, target);
}

inline bool FakeProbes::answer(const MemberKey& member, bool ok, std::string error) {
  for (Session* s : sessions_) {
    if (s->target_.group != member.group || s->target_.address != member.address || !s->pending_)
      continue;
    auto done = std::move(s->pending_);
    s->pending_ = nullptr;
    done(ProbeOutcome{ok, Duration(1), ok ? "" : std::move(error)});
    return true;
  }
  return false;
}

inline size_t FakeProbes::pending() const {
  size_t n = 0;
  for (const Session* s : sessions_) n += s->pending_ ? 1 : 0;
  return n;
}

inline size_t FakeProbes::runs(const MemberKey& member) const {
  size_t n = 0;
  for (const Session* s : sessions_)
    if (s->target_.group == member.group && s->target_.address == member.address) n += s->runs_;
  return n;
}

}  // namespace flipdns::probe
