// Timers that fire only when a test moves the fake clock (STYLE 10). Shared by
// the probe, publisher and daemon tests.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "controller/engine/clock.h"
#include "controller/net/timer.h"

namespace flipdns::net {

class FakeTimers final : public TimerFactory {
 public:
  explicit FakeTimers(engine::FakeClock& clock) : clock_(clock) {}
  ~FakeTimers() override;

  std::unique_ptr<Timer> make_timer() override;

  // Moves the clock forward by `d`, firing every timer that falls due on the
  // way, each at its own deadline and in deadline order (ties: start order).
  // Callbacks may start and stop timers; those also fire if due within `d`.
  void advance(Duration d);
  // Fires what is due now without moving the clock.
  void run_due() { advance(Duration::zero()); }

  size_t active_count() const;
  std::optional<engine::MonoTime> next_deadline() const;

 private:
  class FakeTimer;
  friend class FakeTimer;

  FakeTimer* earliest_due(engine::MonoTime limit) const;

  engine::FakeClock& clock_;
  std::vector<FakeTimer*> timers_;  // not owned: each unregisters itself
  uint64_t next_seq_ = 0;
};

}  // namespace flipdns::net
