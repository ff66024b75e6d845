// What flipdns-auth reports at GET /metrics, gathered into one struct and
// rendered as Prometheus text. Gathering lives in the control API; this file
// only names the metrics and formats them, so the format is tested without a
// server.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace flipdns::control {

// The data plane's counters, summed over every worker by the server (DESIGN.md:
// "queries by rcode and type"). Zero entries may be left out of the maps.
struct QueryCounts {
  std::map<uint16_t, uint64_t> by_qtype{};  // every query received, by QTYPE (0: unparsable)
  uint64_t other_qtypes = 0;                // QTYPEs the server does not count one by one
  std::map<uint16_t, uint64_t> by_rcode{};  // every response sent, by (extended) RCODE
  uint64_t other_rcodes = 0;
  uint64_t udp = 0;
  uint64_t tcp = 0;
  uint64_t no_response = 0;  // queries answered with silence
  uint64_t truncated = 0;    // UDP responses sent with TC=1
};

// The server's query-counter callback; it must be safe to call from the
// listener's threads.
using QueryCountsSource = std::function<QueryCounts()>;

struct GroupMetrics {
  std::string group{};
  std::vector<std::string> pools{};  // in priority order
  std::string active_pool{};
  uint64_t epoch = 0;
  uint64_t members_served = 0;
};

struct ZoneMetrics {
  std::string zone{};  // "example.com."
  uint32_t serial = 0;
};

struct MetricsInput {
  QueryCounts queries{};
  std::map<int, uint64_t> decision_requests{};  // PUT /v1/decisions/{group} by HTTP status
  uint64_t decisions_applied = 0;               // of those, the ones that changed what is served
  std::map<int, uint64_t> control_requests{};   // every control API request by HTTP status
  uint64_t reloads_ok = 0;
  uint64_t reloads_failed = 0;
  bool last_reload_ok = true;
  std::chrono::system_clock::time_point last_reload_at{};
  std::vector<ZoneMetrics> zones{};
  std::vector<GroupMetrics> groups{};
  std::string version{};
  std::chrono::system_clock::time_point started_at{};
};

std::string render_metrics(const MetricsInput& in);

// "NOERROR", "NXDOMAIN", ... (IANA DNS RCODEs); "RCODE<n>" for one without a name.
std::string rcode_name(uint16_t rcode);

}  // namespace flipdns::control
