#include "resolver/control/reloader.h"

#include <stdexcept>

namespace flipdns::control {

Reloader::Reloader(decisions::ServingState& state, ReloadStatus& status, Load load, Clock now)
    : state_(state), status_(status), load_(std::move(load)), now_(std::move(now)) {}

ReloadResult Reloader::reload() {
  std::lock_guard lock(mu_);
  ReloadResult r;
  try {
    auto next = load_();
    if (!next) throw std::runtime_error("the configuration loader returned nothing");
    state_.reload(std::move(next));
  } catch (const decisions::ConfigLoadError& e) {
    r.ok = false;
    r.error = e.what();
    r.invalid_config = true;
  } catch (const std::exception& e) {
    r.ok = false;
    r.error = e.what();
  }
  r.at = now_();
  status_.record(r);
  return r;
}

}  // namespace flipdns::control
