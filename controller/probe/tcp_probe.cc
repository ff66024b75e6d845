#include "controller/probe/tcp_probe.h"

#include <memory>
#include <stdexcept>
#include <utility>

namespace flipdns::probe {

// The socket and its connect request live together until libuv has closed the
// socket: a cancelled connect still calls back (with UV_ECANCELED) during the
// close, after the session may be gone. `owner` tells the callback whether
// anyone is still listening.
struct TcpProbe::Attempt {
  uv_tcp_t tcp;
  uv_connect_t req;
  TcpProbe* owner;
};

TcpProbe::TcpProbe(uv_loop_t* loop, const engine::Clock& clock, const ProbeTarget& target)
    : loop_(loop),
      clock_(clock),
      timeout_(target.check.timeout),
      timer_([loop](uv_timer_t* t) { return uv_timer_init(loop, t); }) {
  timer_->data = this;
  const int port = target.check.port;
  const std::string& a = target.address;
  if (uv_ip4_addr(a.c_str(), port, reinterpret_cast<sockaddr_in*>(&addr_)) != 0 &&
      uv_ip6_addr(a.c_str(), port, reinterpret_cast<sockaddr_in6*>(&addr_)) != 0)
    throw std::invalid_argument("not an IP address: " + a);
}

TcpProbe::~TcpProbe() {
  abandon();
}

void TcpProbe::abandon() {
  uv_timer_stop(timer_.get());
  done_ = nullptr;
  if (!attempt_) return;
  attempt_->owner = nullptr;
  uv_close(reinterpret_cast<uv_handle_t*>(&attempt_->tcp),
           [](uv_handle_t* h) { std::unique_ptr<Attempt> owned(static_cast<Attempt*>(h->data)); });
  attempt_ = nullptr;
}

void TcpProbe::run(Done done) {
  abandon();
  done_ = std::move(done);
  started_ = clock_.now();
  auto attempt = std::make_unique<Attempt>();
  attempt->owner = this;
  if (int rc = uv_tcp_init(loop_, &attempt->tcp); rc != 0)
    return finish({.ok = false, .latency = Duration(0), .error = uv_strerror(rc)});
  attempt->tcp.data = attempt.get();
  attempt_ = attempt.release();
  int rc = uv_tcp_connect(&attempt_->req, &attempt_->tcp, reinterpret_cast<sockaddr*>(&addr_),
                          [](uv_connect_t* req, int status) {
                            auto* a = static_cast<Attempt*>(req->handle->data);
                            if (!a->owner) return;
                            TcpProbe* self = a->owner;
                            self->finish({.ok = status == 0,
                                          .latency = std::chrono::duration_cast<Duration>(
                                              self->clock_.now() - self->started_),
                                          .error = status == 0 ? "" : uv_strerror(status)});
                          });
  if (rc != 0) return finish({.ok = false, .latency = Duration(0), .error = uv_strerror(rc)});
  uv_timer_start(
      timer_.get(),
      [](uv_timer_t* t) {
        auto* self = static_cast<TcpProbe*>(t->data);
        self->finish({.ok = false,
                      .latency = self->timeout_,
                      .error = "timeout after " + std::to_string(self->timeout_.count()) + "ms"});
      },
      static_cast<uint64_t>(timeout_.count()), 0);
}

void TcpProbe::finish(ProbeOutcome outcome) {
  Done done = std::move(done_);
  abandon();  // closes the socket: a connect check sends nothing
  if (done) done(std::move(outcome));
}

}  // namespace flipdns::probe
