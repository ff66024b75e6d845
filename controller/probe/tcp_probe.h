// A TCP connect check: the member passes when a connection to its address
// and the check's port completes within the timeout.
#pragma once

#include <netinet/in.h>
#include <uv.h>

#include <string>

#include "controller/engine/clock.h"
#include "controller/net/uv_handle.h"
#include "controller/probe/probe.h"

namespace flipdns::probe {

class TcpProbe final : public ProbeSession {
 public:
  // Throws std::invalid_argument if the address is not numeric.
  TcpProbe(uv_loop_t* loop, const engine::Clock& clock, const ProbeTarget& target);
  ~TcpProbe() override;

  void run(Done done) override;

 private:
  struct Attempt;
  void finish(ProbeOutcome outcome);
  void abandon();

  uv_loop_t* loop_;
  const engine::Clock& clock_;
  sockaddr_storage addr_{};
  Duration timeout_;
  net::UvHandle<uv_timer_t> timer_;
  Attempt* attempt_ = nullptr;  // not owned: freed by its handle's close callback
  engine::MonoTime started_{};
  Done done_;
};

}  // namespace flipdns::probe
