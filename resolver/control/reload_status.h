// The outcome of the last configuration reload and how many reloads succeeded
// and failed, for GET /v1/status, POST /v1/reload and /metrics. Written by
// whoever reloads (SIGHUP, --watch, the control API), read by the listener's
// threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace flipdns::control {

struct ReloadResult {
  bool ok = true;
  // Why the configuration was not swapped in (every ConfigLoadError line); empty when ok.
  std::string error{};
  // A configuration that failed validation (422), as opposed to another failure (500).
  bool invalid_config = false;
  std::chrono::system_clock::time_point at{};
};

// {"ok": bool, "error": string or null, "at": RFC 3339 time} (DESIGN.md contract).
nlohmann::json to_json(const ReloadResult& r);

// UTC with milliseconds: "2024-05-01T12:34:56.789Z".
std::string format_rfc3339(std::chrono::system_clock::time_point t);

class ReloadStatus {
 public:
  // The configuration loaded at startup is the first result; it is not counted
  // as a reload.
  explicit ReloadStatus(std::chrono::system_clock::time_point loaded_at);

  void record(const ReloadResult& r);

  struct View {
    ReloadResult last;
    uint64_t ok = 0;
    uint64_t failed = 0;
  };
  View view() const;

 private:
  mutable std::mutex mu_;
  View view_;
};

}  // namespace flipdns::control
