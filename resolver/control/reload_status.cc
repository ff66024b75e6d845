#include "resolver/control/reload_status.h"

#include <time.h>

#include <cstdio>
#include <nlohmann/json.hpp>

namespace flipdns::control {

nlohmann::json to_json(const ReloadResult& r) {
  return {{"ok", r.ok},
          {"error", r.ok ? nlohmann::json(nullptr) : nlohmann::json(r.error)},
          {"at", format_rfc3339(r.at)}};
}

std::string format_rfc3339(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  auto ms = floor<milliseconds>(t.time_since_epoch()).count();
  time_t secs = static_cast<time_t>(ms / 1000);
  int frac = static_cast<int>(ms % 1000);
  if (frac < 0) {  // before 1970: floor, so the fraction stays positive
    frac += 1000;
    --secs;
  }
  tm utc{};
  gmtime_r(&secs, &utc);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, frac);
  return buf;
}

ReloadStatus::ReloadStatus(std::chrono::system_clock::time_point loaded_at) {
  view_.last.ok = true;
  view_.last.at = loaded_at;
}

void ReloadStatus::record(const ReloadResult& r) {
  std::lock_guard lock(mu_);
  view_.last = r;
  ++(r.ok ? view_.ok : view_.failed);
}

ReloadStatus::View ReloadStatus::view() const {
  std::lock_guard lock(mu_);
  return view_;
}

}  // namespace flipdns::control
