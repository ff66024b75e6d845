#include "controller/daemon/zone_watch.h"

#include <utility>

namespace flipdns::daemon {

ZoneWatch::ZoneWatch(uv_loop_t* loop, const std::string& dir, std::function<void()> on_change,
                     engine::Duration settle)
    : on_change_(std::move(on_change)),
      settle_(settle),
      event_([loop](uv_fs_event_t* e) { return uv_fs_event_init(loop, e); }),
      settle_timer_([loop](uv_timer_t* t) { return uv_timer_init(loop, t); }) {
  event_->data = this;
  settle_timer_->data = this;
  int rc = uv_fs_event_start(
      event_.get(),
      [](uv_fs_event_t* e, const char*, int, int) {
        auto* self = static_cast<ZoneWatch*>(e->data);
        uv_timer_start(
            self->settle_timer_.get(),
            [](uv_timer_t* t) { static_cast<ZoneWatch*>(t->data)->on_change_(); },
            static_cast<uint64_t>(self->settle_.count()), 0);
      },
      dir.c_str(), 0);
  if (rc != 0) throw net::UvError("cannot watch " + dir, rc);
}

}  // namespace flipdns::daemon
