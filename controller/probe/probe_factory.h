// The sessions the daemon's checker runs: HTTP and HTTPS through the shared
// curl multi, TCP straight on the loop.
#pragma once

#include <uv.h>

#include <string>

#include "controller/engine/clock.h"
#include "controller/net/curl_multi.h"
#include "controller/probe/probe.h"

namespace flipdns::probe {

class NetworkProbeFactory final : public ProbeFactory {
 public:
  // `ca_file` verifies HTTPS members (--check-ca-file; empty: the system store).
  NetworkProbeFactory(uv_loop_t* loop, net::CurlMulti& multi, const engine::Clock& clock,
                      std::string ca_file)
      : loop_(loop), multi_(multi), clock_(clock), ca_file_(std::move(ca_file)) {}

  std::unique_ptr<ProbeSession> make_session(const ProbeTarget& target) override;

 private:
  uv_loop_t* loop_;
  net::CurlMulti& multi_;
  const engine::Clock& clock_;
  std::string ca_file_;
};

}  // namespace flipdns::probe
