// The control API of flipdns-auth (DESIGN.md contract) as a pure function of a
// request: method, target, Authorization header and body in; status, headers
// and body out. No sockets here, so every status code is tested in-process;
// control_server.h puts it on HTTP.
//
//   GET  /v1/decisions            every group's decision
//   GET  /v1/decisions/{group}    one group's decision
//   PUT  /v1/decisions/{group}    set one: 200, 400, 404, 409 (stale epoch)
//   POST /v1/reload               reload the configuration: 200, 422 (invalid), 500
//   GET  /v1/status               zones, serials, commit, last reload, decisions
//   GET  /metrics                 Prometheus text; no token needed unless configured
// Every other request needs "Authorization: Bearer TOKEN" (401 otherwise); an
// unknown path is 404, a known path with another method 405. Errors are
// {"error": "..."}.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "resolver/control/bearer_auth.h"
#include "resolver/control/metrics.h"
#include "resolver/control/reload_status.h"
#include "resolver/decisions/serving_state.h"

namespace flipdns::control {

struct ApiRequest {
  std::string_view method{};         // "GET", "PUT", ...; HEAD is answered as GET
  std::string_view target{};         // as sent: percent-encoded path, maybe "?query"
  std::string_view authorization{};  // the Authorization header's value, empty if absent
  std::string_view body{};
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers{};  // beyond Content-Type
  std::string body{};
};

struct ControlApiOptions {
  std::string version{};            // for status and flipdns_auth_build_info
  bool metrics_need_token = false;  // a scraper without the token may read /metrics
  // Injected so tests can fix the times reported.
  std::function<std::chrono::system_clock::time_point()> now = std::chrono::system_clock::now;
  std::function<std::chrono::steady_clock::time_point()> steady_now =
      std::chrono::steady_clock::now;
};

class ControlApi {
 public:
  // `reload` runs a whole reload (normally Reloader::reload, which records into
  // `reloads`); `query_counts` sums the workers' counters and may be empty.
  // `state` and `reloads` must outlive the API. handle() may be called from any
  // number of threads at once.
  ControlApi(decisions::ServingState& state, const ReloadStatus& reloads, BearerAuth auth,
             std::function<ReloadResult()> reload, QueryCountsSource query_counts,
             ControlApiOptions options);

  ApiResponse handle(const ApiRequest& req);

 private:
  ApiResponse route(const ApiRequest& req, std::string_view path);
  ApiResponse get_decisions() const;
  ApiResponse get_decision(const std::string& group) const;
  ApiResponse put_decision(const std::string& group, std::string_view body);
  ApiResponse reload();
  ApiResponse status() const;
  ApiResponse metrics() const;

  decisions::ServingState& state_;
  const ReloadStatus& reloads_;
  BearerAuth auth_;
  std::function<ReloadResult()> reload_;
  QueryCountsSource query_counts_;
  ControlApiOptions options_;
  std::chrono::system_clock::time_point started_at_;
  std::chrono::steady_clock::time_point started_steady_;

  mutable std::mutex counters_mu_;
  std::map<int, uint64_t> decision_requests_;
  uint64_t decisions_applied_ = 0;
  std::map<int, uint64_t> control_requests_;
};

// Percent-decodes one path segment; nullopt for a malformed escape or a NUL.
std::optional<std::string> percent_decode(std::string_view s);

}  // namespace flipdns::control
