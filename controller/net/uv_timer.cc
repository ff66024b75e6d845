#include "controller/net/uv_timer.h"

#include <utility>

#include "controller/net/uv_handle.h"

namespace flipdns::net {
namespace {

class UvTimer final : public Timer {
 public:
  explicit UvTimer(uv_loop_t* loop) : h_([loop](uv_timer_t* t) { return uv_timer_init(loop, t); }) {
    h_->data = this;
  }

  void start(Duration delay, std::function<void()> fire) override {
    fire_ = std::move(fire);
    uv_timer_start(
        h_.get(),
        [](uv_timer_t* t) {
          auto* self = static_cast<UvTimer*>(t->data);
          // The callback may restart or destroy this timer: move it out first.
          auto fire = std::move(self->fire_);
          fire();
        },
        static_cast<uint64_t>(delay.count() < 0 ? 0 : delay.count()), 0);
  }

  void stop() override {
    uv_timer_stop(h_.get());
    fire_ = nullptr;
  }

  bool active() const override { return uv_is_active(h_.handle()) != 0; }

 private:
  UvHandle<uv_timer_t> h_;
  std::function<void()> fire_;
};

}  // namespace

std::unique_ptr<Timer> UvTimerFactory::make_timer() {
  return std::make_unique<UvTimer>(loop_);
}

}  // namespace flipdns::net
