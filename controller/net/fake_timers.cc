#include "controller/net/fake_timers.h"

#include <algorithm>
#include <utility>

namespace flipdns::net {

class FakeTimers::FakeTimer final : public Timer {
 public:
  explicit FakeTimer(FakeTimers* owner) : owner_(owner) { owner_->timers_.push_back(this); }
  ~FakeTimer() override {
    if (owner_) std::erase(owner_->timers_, this);
  }

  void start(Duration delay, std::function<void()> fire) override {
    deadline_ = owner_->clock_.now() + std::max(delay, Duration::zero());
    seq_ = owner_->next_seq_++;
    fire_ = std::move(fire);
  }
  void stop() override {
    deadline_.reset();
    fire_ = nullptr;
  }
  bool active() const override { return deadline_.has_value(); }

  FakeTimers* owner_;
  std::optional<engine::MonoTime> deadline_;
  uint64_t seq_ = 0;
  std::function<void()> fire_;
};

FakeTimers::~FakeTimers() {
  // Timers may outlive the factory in a test's teardown order; they must not
  // unregister from a dead one.
  for (FakeTimer* t : timers_) t->owner_ = nullptr;
}

std::unique_ptr<Timer> FakeTimers::make_timer() {
  return std::make_unique<FakeTimer>(this);
}

FakeTimers::FakeTimer* FakeTimers::earliest_due(engine::MonoTime limit) const {
  FakeTimer* best = nullptr;
  for (FakeTimer* t : timers_) {
    if (!t->deadline_ || *t->deadline_ > limit) continue;
    if (!best || *t->deadline_ < *best->deadline_ ||
        (*t->deadline_ == *best->deadline_ && t->seq_ < best->seq_))
      best = t;
  }
  return best;
}

void FakeTimers::advance(Duration d) {
  const engine::MonoTime target = clock_.now() + d;
  while (FakeTimer* t = earliest_due(target)) {
    if (*t->deadline_ > clock_.now())
      clock_.advance(std::chrono::duration_cast<Duration>(*t->deadline_ - clock_.now()));
    t->deadline_.reset();
    auto fire = std::move(t->fire_);
    fire();
  }
  if (target > clock_.now())
    clock_.advance(std::chrono::duration_cast<Duration>(target - clock_.now()));
}

size_t FakeTimers::active_count() const {
  return std::count_if(timers_.begin(), timers_.end(),
                       [](const FakeTimer* t) { return t->deadline_.has_value(); });
}

std::optional<engine::MonoTime> FakeTimers::next_deadline() const {
  std::optional<engine::MonoTime> out;
  for (const FakeTimer* t : timers_)
    if (t->deadline_ && (!out || *t->deadline_ < *out)) out = t->deadline_;
  return out;
}

}  // namespace flipdns::net
