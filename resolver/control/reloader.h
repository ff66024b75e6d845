// One way to reload, shared by SIGHUP, --watch and POST /v1/reload: load the
// whole configuration, swap it in only if it loaded, record the outcome. A
// configuration that fails changes nothing that is served.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>

#include "resolver/control/reload_status.h"
#include "resolver/decisions/serving_state.h"

namespace flipdns::control {

class Reloader {
 public:
  // Typically [&] { return decisions::load_served_config(zones_dir, zone_files); }.
  using Load = std::function<std::shared_ptr<const decisions::ServedConfig>()>;
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  Reloader(decisions::ServingState& state, ReloadStatus& status, Load load,
           Clock now = std::chrono::system_clock::now);

  // Never throws; concurrent calls run one after the other.
  ReloadResult reload();

 private:
  decisions::ServingState& state_;
  ReloadStatus& status_;
  Load load_;
  Clock now_;
  std::mutex mu_;
};

}  // namespace flipdns::control
