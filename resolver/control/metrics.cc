#include "resolver/control/metrics.h"

#include <array>
#include <string_view>

#include "resolver/control/prometheus_text.h"
#include "resolver/dns/name.h"

namespace flipdns::control {
namespace {

using Type = PrometheusText::Type;

double seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

void by_status(PrometheusText& p, const std::map<int, uint64_t>& counts) {
  for (const auto& [status, n] : counts) p.sample({{"code", std::to_string(status)}}, n);
}

void queries(PrometheusText& p, const QueryCounts& q) {
  p.family("flipdns_auth_queries_total", Type::kCounter, "DNS queries received, by transport.");
  p.sample({{"transport", "udp"}}, q.udp);
  p.sample({{"transport", "tcp"}}, q.tcp);

  p.family("flipdns_auth_queries_by_qtype_total", Type::kCounter,
           "DNS queries received, by QTYPE (\"other\": types not counted one by one).");
  for (const auto& [qtype, n] : q.by_qtype) p.sample({{"qtype", dns::type_to_text(qtype)}}, n);
  if (q.other_qtypes) p.sample({{"qtype", "other"}}, q.other_qtypes);

  p.family("flipdns_auth_responses_total", Type::kCounter,
           "DNS responses sent, by RCODE (extended RCODEs included).");
  for (const auto& [rcode, n] : q.by_rcode) p.sample({{"rcode", rcode_name(rcode)}}, n);
  if (q.other_rcodes) p.sample({{"rcode", "other"}}, q.other_rcodes);

  p.family("flipdns_auth_responses_truncated_total", Type::kCounter,
           "UDP responses sent with TC=1.");
  p.sample(q.truncated);
  p.family("flipdns_auth_queries_unanswered_total", Type::kCounter,
           "Queries answered with silence (responses, unparsable headers).");
  p.sample(q.no_response);
}

void decisions(PrometheusText& p, const MetricsInput& in) {
  p.family("flipdns_auth_decision_requests_total", Type::kCounter,
           "PUT /v1/decisions/{group} requests, by HTTP status.");
  by_status(p, in.decision_requests);
  p.family("flipdns_auth_decisions_applied_total", Type::kCounter,
           "Decisions that changed what is served.");
  p.sample(in.decisions_applied);

  p.family("flipdns_auth_groups", Type::kGauge, "Failover groups configured.");
  p.sample(uint64_t{in.groups.size()});
  p.family("flipdns_auth_group_epoch", Type::kGauge, "Epoch of the decision held, per group.");
  for (const GroupMetrics& g : in.groups) p.sample({{"group", g.group}}, g.epoch);
  p.family("flipdns_auth_group_pool_active", Type::kGauge,
           "1 for the pool each group serves, 0 for its other pools.");
  for (const GroupMetrics& g : in.groups)
    for (const std::string& pool : g.pools)
      p.sample({{"group", g.group}, {"pool", pool}}, uint64_t{pool == g.active_pool});
  p.family("flipdns_auth_group_members_served", Type::kGauge,
           "Addresses each group hands out now.");
  for (const GroupMetrics& g : in.groups) p.sample({{"group", g.group}}, g.members_served);
}

void reloads(PrometheusText& p, const MetricsInput& in) {
  p.family("flipdns_auth_reloads_total", Type::kCounter,
           "Configuration reloads (SIGHUP, --watch, POST /v1/reload), by result.");
  p.sample({{"result", "ok"}}, in.reloads_ok);
  p.sample({{"result", "failed"}}, in.reloads_failed);
  p.family("flipdns_auth_last_reload_success", Type::kGauge,
           "1 if the last configuration load succeeded; 0 while a broken one is refused.");
  p.sample(uint64_t{in.last_reload_ok});
  p.family("flipdns_auth_last_reload_timestamp_seconds", Type::kGauge,
           "When the configuration was last loaded or refused, Unix time.");
  p.sample({}, seconds(in.last_reload_at));
}

void zones(PrometheusText& p, const MetricsInput& in) {
  p.family("flipdns_auth_zones", Type::kGauge, "Zones served.");
  p.sample(uint64_t{in.zones.size()});
  p.family("flipdns_auth_zone_serial", Type::kGauge, "SOA serial served, per zone.");
  for (const ZoneMetrics& z : in.zones) p.sample({{"zone", z.zone}}, uint64_t{z.serial});
}

}  // namespace

std::string rcode_name(uint16_t rcode) {
  static constexpr std::array<std::string_view, 24> kNames = {
      "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN",  "NOTIMP",  "REFUSED", "YXDOMAIN", "YXRRSET",
      "NXRRSET", "NOTAUTH", "NOTZONE",  "DSOTYPENI", "",        "",        "",         "",
      "BADVERS", "BADKEY",  "BADTIME",  "BADMODE",   "BADNAME", "BADALG",  "BADTRUNC", "BADCOOKIE"};
  if (rcode < kNames.size() && !kNames[rcode].empty()) return std::string(kNames[rcode]);
  return "RCODE" + std::to_string(rcode);
}

std::string render_metrics(const MetricsInput& in) {
  PrometheusText p;
  queries(p, in.queries);
  decisions(p, in);
  reloads(p, in);
  zones(p, in);
  p.family("flipdns_auth_control_requests_total", Type::kCounter,
           "Control API requests, by HTTP status.");
  by_status(p, in.control_requests);
  p.family("flipdns_auth_start_time_seconds", Type::kGauge, "When the server started, Unix time.");
  p.sample({}, seconds(in.started_at));
  p.family("flipdns_auth_build_info", Type::kGauge, "Always 1; the version as a label.");
  p.sample({{"version", in.version}}, uint64_t{1});
  return p.text();
}

}  // namespace flipdns::control
