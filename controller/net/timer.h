// One-shot timers behind an interface, so that the checker, the publisher and
// the decision loop are driven by libuv in the daemon and by hand in tests
// (STYLE 10: tests fire timers, they do not sleep).
#pragma once

#include <functional>
#include <memory>

#include "controller/engine/clock.h"

namespace flipdns::net {

using engine::Duration;

class Timer {
 public:
  virtual ~Timer() = default;
  // Fires once, `delay` from now, unless stopped, restarted or destroyed first.
  // Restarting replaces the pending callback.
  virtual void start(Duration delay, std::function<void()> fire) = 0;
  virtual void stop() = 0;
  virtual bool active() const = 0;
};

class TimerFactory {
 public:
  virtual ~TimerFactory() = default;
  virtual std::unique_ptr<Timer> make_timer() = 0;
};

}  // namespace flipdns::net
