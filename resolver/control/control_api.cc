#include "resolver/control/control_api.h"

#include <nlohmann/json.hpp>

#include "resolver/control/prometheus_text.h"
#include "resolver/dns/name.h"

namespace flipdns::control {
namespace {

using nlohmann::json;

ApiResponse json_response(int status, const json& body) {
  ApiResponse r;
  r.status = status;
  // Replace rather than throw on invalid UTF-8: error messages may quote what a
  // client sent.
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  return r;
}

ApiResponse error(int status, const std::string& message) {
  return json_response(status, {{"error", message}});
}

ApiResponse method_not_allowed(std::string_view allow) {
  ApiResponse r = error(405, "method not allowed; use " + std::string(allow));
  r.headers.emplace_back("Allow", allow);
  return r;
}

ApiResponse unauthorized(bool missing) {
  ApiResponse r = error(401, missing ? "missing bearer token" : "invalid bearer token");
  r.headers.emplace_back("WWW-Authenticate", missing ? "Bearer realm=\"flipdns-auth\""
                                                     : "Bearer realm=\"flipdns-auth\", "
                                                       "error=\"invalid_token\"");
  return r;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Groups are named like DNS names: any case, trailing dot optional in the URL.
std::string normalize_group(std::string name) {
  for (char& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (name.empty() || name.back() != '.') name += '.';
  return name;
}

std::string parse_error_message(const json::parse_error& e) {
  // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
  std::string_view what = e.what();
  if (auto end = what.find("] "); what.starts_with("[json.") && end != what.npos)
    what.remove_prefix(end + 2);
  return "malformed JSON: " + std::string(what);
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (c == '\0') return std::nullopt;
    out += c;
  }
  return out;
}

ControlApi::ControlApi(decisions::ServingState& state, const ReloadStatus& reloads, BearerAuth auth,
                       std::function<ReloadResult()> reload, QueryCountsSource query_counts,
                       ControlApiOptions options)
    : state_(state),
      reloads_(reloads),
      auth_(auth),
      reload_(std::move(reload)),
      query_counts_(std::move(query_counts)),
      options_(std::move(options)),
      started_at_(options_.now()),
      started_steady_(options_.steady_now()) {}

ApiResponse ControlApi::handle(const ApiRequest& req) {
  std::string_view path = req.target.substr(0, req.target.find('?'));
  ApiResponse r;
  try {
    r = route(req, path);
  } catch (const std::exception& e) {
    r = error(500, e.what());
  }
  std::lock_guard lock(counters_mu_);
  ++control_requests_[r.status];
  return r;
}

ApiResponse ControlApi::route(const ApiRequest& req, std::string_view path) {
  std::string_view method = req.method == "HEAD" ? "GET" : req.method;
  bool open = path == "/metrics" && method == "GET" && !options_.metrics_need_token;
  if (!open && !auth_.check(req.authorization)) return unauthorized(req.authorization.empty());

  if (path == "/metrics") return method == "GET" ? metrics() : method_not_allowed("GET");
  if (path == "/v1/status") return method == "GET" ? status() : method_not_allowed("GET");
  if (path == "/v1/reload") return method == "POST" ? reload() : method_not_allowed("POST");
  if (path == "/v1/decisions") return method == "GET" ? get_decisions() : method_not_allowed("GET");

  constexpr std::string_view kDecision = "/v1/decisions/";
  if (path.starts_with(kDecision) && path.size() > kDecision.size() &&
      path.find('/', kDecision.size()) == path.npos) {
    auto name = percent_decode(path.substr(kDecision.size()));
    if (!name) return error(400, "malformed percent-encoding in the group name");
    std::string group = normalize_group(*name);
    if (method == "GET") return get_decision(group);
    if (method == "PUT") return put_decision(group, req.body);
    return method_not_allowed("GET, PUT");
  }
  return error(404, "no such endpoint: " + std::string(path));
}

ApiResponse ControlApi::get_decisions() const {
  json list = json::array();
  for (const auto& d : state_.decisions()) list.push_back(to_json(d));
  return json_response(200, {{"decisions", list}});
}

ApiResponse ControlApi::get_decision(const std::string& group) const {
  for (const auto& d : state_.decisions())
    if (d.group == group) return json_response(200, {{"decision", to_json(d)}});
  return error(404, "unknown group " + group);
}

ApiResponse ControlApi::put_decision(const std::string& group, std::string_view body) {
  auto respond = [&](ApiResponse r, bool changed) {
    std::lock_guard lock(counters_mu_);
    ++decision_requests_[r.status];
    if (changed) ++decisions_applied_;
    return r;
  };
  json j;
  try {
    j = json::parse(body);
  } catch (const json::parse_error& e) {
    return respond(error(400, parse_error_message(e)), false);
  }
  std::string why;
  auto d = decisions::decision_from_json(j, group, why);
  if (!d) return respond(error(400, why), false);
  if (auto g = j.find("group"); g != j.end()) {
    if (!g->is_string() || normalize_group(g->get<std::string>()) != group)
      return respond(error(400, "\"group\" in the body does not match the URL's " + group), false);
  }

  decisions::PutResult r = state_.put(*d);
  if (r.status != 200 && r.status != 409) return respond(error(r.status, r.error), false);
  json held;
  for (const auto& cur : state_.decisions())
    if (cur.group == group) held = to_json(cur);
  if (r.status == 409)  // the decision held, so a controller can see what won
    return respond(json_response(409, {{"error", r.error}, {"decision", held}}), false);
  return respond(json_response(200, {{"decision", held}, {"changed", r.changed}}), r.changed);
}

ApiResponse ControlApi::reload() {
  if (!reload_) return error(503, "reload is not available");
  ReloadResult r = reload_();
  return json_response(r.ok ? 200 : r.invalid_config ? 422 : 500, to_json(r));
}

ApiResponse ControlApi::status() const {
  auto config = state_.config();
  auto snapshot = state_.snapshot();
  json zones = json::array();
  for (const zone::ServedZone& z : snapshot->zones())
    zones.push_back({{"zone", dns::to_text(z.zone->origin())},
                     {"serial", z.overlay ? z.overlay->serial : z.zone->serial()},
                     {"source", z.zone->source()}});
  json decisions = json::array();
  for (const auto& d : state_.decisions()) decisions.push_back(to_json(d));
  ReloadStatus::View reloads = reloads_.view();
  auto uptime =
      std::chrono::duration_cast<std::chrono::seconds>(options_.steady_now() - started_steady_);
  return json_response(200, {{"zones", zones},
                             {"commit", config->commit ? json(*config->commit) : json(nullptr)},
                             {"last_reload", to_json(reloads.last)},
                             {"reloads", {{"ok", reloads.ok}, {"failed", reloads.failed}}},
                             {"groups", config->groups.size()},
                             {"decisions", decisions},
                             {"version", options_.version},
                             {"uptime_s", uptime.count()}});
}

ApiResponse ControlApi::metrics() const {
  MetricsInput in;
  if (query_counts_) in.queries = query_counts_();
  {
    std::lock_guard lock(counters_mu_);
    in.decision_requests = decision_requests_;
    in.decisions_applied = decisions_applied_;
    in.control_requests = control_requests_;
  }
  ReloadStatus::View reloads = reloads_.view();
  in.reloads_ok = reloads.ok;
  in.reloads_failed = reloads.failed;
  in.last_reload_ok = reloads.last.ok;
  in.last_reload_at = reloads.last.at;

  for (const zone::ServedZone& z : state_.snapshot()->zones())
    in.zones.push_back(
        {dns::to_text(z.zone->origin()), z.overlay ? z.overlay->serial : z.zone->serial()});
  auto config = state_.config();
  std::map<std::string, decisions::Decision> held;
  for (auto& d : state_.decisions()) held[d.group] = std::move(d);
  for (const decisions::GroupSpec& g : config->groups) {
    GroupMetrics m{.group = g.name};
    for (const auto& p : g.pools) m.pools.push_back(p.name);
    if (auto it = held.find(g.name); it != held.end()) {
      m.active_pool = it->second.pool;
      m.epoch = it->second.epoch;
      m.members_served = it->second.members.size();
    }
    in.groups.push_back(std::move(m));
  }
  in.version = options_.version;
  in.started_at = started_at_;

  ApiResponse r;
  r.content_type = kPrometheusContentType;
  r.body = render_metrics(in);
  return r;
}

}  // namespace flipdns::control
