// Timers on a libuv loop.
#pragma once

#include <uv.h>

#include "controller/net/timer.h"

namespace flipdns::net {

class UvTimerFactory final : public TimerFactory {
 public:
  explicit UvTimerFactory(uv_loop_t* loop) : loop_(loop) {}
  std::unique_ptr<Timer> make_timer() override;

 private:
  uv_loop_t* loop_;
};

}  // namespace flipdns::net
