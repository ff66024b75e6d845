// The REST API's way into the controller: each call, made on one of the API
// server's threads, runs on the loop thread that owns the controller, and the
// API thread waits for the answer. Arguments are copied into the task: a call
// that times out must not leave the loop reading freed memory.
#pragma once

#include <chrono>

#include "controller/api/backend.h"
#include "controller/net/loop_executor.h"

namespace flipdns::daemon {

class LoopBackend final : public api::Backend {
 public:
  LoopBackend(net::LoopExecutor& exec, api::Backend& target,
              std::chrono::milliseconds timeout = std::chrono::seconds(10))
      : exec_(exec), target_(target), timeout_(timeout) {}

  api::Reply groups() override;
  api::Reply group(const std::string& name) override;
  api::Reply flip(const std::string& group, const api::FlipRequest& r,
                  const api::Identity& who) override;
  api::Reply pin(const std::string& group, const api::PinRequest& r,
                 const api::Identity& who) override;
  api::Reply unpin(const std::string& group, const api::Identity& who) override;
  api::Reply audit(const api::AuditQuery& q) override;
  api::Reply servers() override;
  api::Reply healthz() override;
  std::string metrics() override;

 private:
  api::Reply run(std::function<api::Reply()> fn);

  net::LoopExecutor& exec_;
  api::Backend& target_;
  std::chrono::milliseconds timeout_;
};

}  // namespace flipdns::daemon
