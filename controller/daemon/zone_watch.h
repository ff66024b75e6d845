// --watch: reloads when the zones directory changes. A git checkout or an
// editor writes several files in a burst; the reload waits until the
// directory has been quiet for `settle`, so that it reads the whole change.
#pragma once

#include <uv.h>

#include <functional>
#include <string>

#include "controller/engine/clock.h"
#include "controller/net/uv_handle.h"

namespace flipdns::daemon {

class ZoneWatch {
 public:
  // Throws net::UvError if the directory cannot be watched.
  ZoneWatch(uv_loop_t* loop, const std::string& dir, std::function<void()> on_change,
            engine::Duration settle = engine::Duration(300));

 private:
  std::function<void()> on_change_;
  engine::Duration settle_;
  net::UvHandle<uv_fs_event_t> event_;
  net::UvHandle<uv_timer_t> settle_timer_;
};

}  // namespace flipdns::daemon
