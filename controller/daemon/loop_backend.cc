#include "controller/daemon/loop_backend.h"

namespace flipdns::daemon {

api::Reply LoopBackend::run(std::function<api::Reply()> fn) {
  auto r = exec_.call<api::Reply>(std::move(fn), timeout_);
  if (!r) return api::error_reply(503, "the controller is stopping or too busy to answer; retry");
  return std::move(*r);
}

api::Reply LoopBackend::groups() {
  return run([&t = target_] { return t.groups(); });
}

api::Reply LoopBackend::group(const std::string& name) {
  return run([&t = target_, name] { return t.group(name); });
}

api::Reply LoopBackend::flip(const std::string& group, const api::FlipRequest& r,
                             const api::Identity& who) {
  return run([&t = target_, group, r, who] { return t.flip(group, r, who); });
}

api::Reply LoopBackend::pin(const std::string& group, const api::PinRequest& r,
                            const api::Identity& who) {
  return run([&t = target_, group, r, who] { return t.pin(group, r, who); });
}

api::Reply LoopBackend::unpin(const std::string& group, const api::Identity& who) {
  return run([&t = target_, group, who] { return t.unpin(group, who); });
}

api::Reply LoopBackend::audit(const api::AuditQuery& q) {
  return run([&t = target_, q] { return t.audit(q); });
}

api::Reply LoopBackend::servers() {
  return run([&t = target_] { return t.servers(); });
}

api::Reply LoopBackend::healthz() {
  return run([&t = target_] { return t.healthz(); });
}

std::string LoopBackend::metrics() {
  auto r = exec_.call<std::string>([&t = target_] { return t.metrics(); }, timeout_);
  // An empty exposition would read as "no metrics"; say why instead.
  return r ? std::move(*r) : "# flipdns-controller is stopping or too busy to answer\n";
}

}  // namespace flipdns::daemon
