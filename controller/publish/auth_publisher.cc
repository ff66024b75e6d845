#include "controller/publish/auth_publisher.h"

#include <utility>

#include "controller/engine/jitter.h"

namespace flipdns::publish {
namespace {

// An error body is the server's {"error": "..."}, or whatever it sent: short.
std::string http_error(const std::string& what, const net::HttpResponse& r) {
  if (!r.ok()) return what + ": " + r.error;
  std::string body = r.body.substr(0, 200);
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();
  return what + ": HTTP " + std::to_string(r.status) + (body.empty() ? "" : ": " + body);
}

}  // namespace

AuthPublisher::AuthPublisher(net::CurlMulti& multi, net::TimerFactory& timers,
                             const engine::Clock& clock, engine::RandomSource& random, Logger& log,
                             PublisherOptions options)
    : multi_(multi),
      clock_(clock),
      random_(random),
      log_(log),
      opt_(std::move(options)),
      reconcile_timer_(timers.make_timer()) {
  for (const std::string& url : opt_.servers)
    servers_.push_back(std::make_unique<Server>(
        Server{ServerSync(url, opt_.max_backoff), timers.make_timer(), std::nullopt, {}}));
}

AuthPublisher::~AuthPublisher() {
  for (auto& s : servers_) {
    if (s->fetch) multi_.cancel(*s->fetch);
    for (const auto& [group, id] : s->puts) multi_.cancel(id);
  }
}

net::HttpRequest AuthPublisher::request(std::string method, std::string url) const {
  net::HttpRequest r;
  r.method = std::move(method);
  r.url = std::move(url);
  r.headers = {"Authorization: Bearer " + opt_.token, "Accept: application/json"};
  r.timeout = opt_.timeout;
  r.ca_file = opt_.ca_file;
  r.max_body = 16 * 1024 * 1024;  // every group's decision
  r.user_agent = "flipdns-controller";
  return r;
}

void AuthPublisher::start(std::function<void(std::vector<ServerView>)> done) {
  start_done_ = std::move(done);
  start_pending_ = servers_.size();
  for (auto& s : servers_) start_views_.push_back(ServerView{s->sync.url(), false, "", {}});
  if (start_pending_ == 0) return finish_start();
  for (auto& s : servers_) start_fetch(*s);
}

void AuthPublisher::finish_start() {
  auto done = std::move(start_done_);
  start_done_ = nullptr;
  reconcile_timer_->start(engine::interval_with_jitter(opt_.reconcile_interval, random_.next()),
                          [this] { reconcile(); });
  if (done) done(std::move(start_views_));
  start_views_.clear();
  // Retries that fell due while the cold start was still reading.
  for (auto& s : servers_) pump(*s);
}

void AuthPublisher::publish(const WireDecision& d) {
  for (auto& s : servers_) {
    s->sync.want(d, clock_.stamp());
    pump(*s);
  }
}

void AuthPublisher::forget(const std::string& group) {
  for (auto& s : servers_) s->sync.drop(group, clock_.stamp());
}

std::vector<ServerStatus> AuthPublisher::status() const {
  std::vector<ServerStatus> out;
  for (const auto& s : servers_) out.push_back(s->sync.status(clock_.now()));
  return out;
}

void AuthPublisher::pump(Server& s) {
  if (start_done_) return;  // the cold start reads first; pushes follow its adoption
  const auto now = clock_.now();
  if (s.sync.fetch_due(now)) {
    if (s.puts.empty()) start_fetch(s);  // fetch once the PUTs in flight have landed
    return;
  }
  for (const WireDecision* d : s.sync.due(now)) start_put(s, *d);
}

void AuthPublisher::start_fetch(Server& s) {
  s.sync.fetch_started();
  try {
    s.fetch =
        multi_.start(request("GET", decisions_url(s.sync.url())), [this, &s](net::HttpResponse r) {
          s.fetch.reset();
          on_fetch(s, r);
        });
  } catch (const std::exception& e) {
    s.fetch.reset();
    net::HttpResponse r;
    r.code = CURLE_FAILED_INIT;
    r.error = e.what();
    on_fetch(s, r);
  }
}

void AuthPublisher::on_fetch(Server& s, const net::HttpResponse& r) {
  const engine::Now now = clock_.stamp();
  std::string error;
  std::optional<std::vector<WireDecision>> held;
  if (r.ok() && r.status == 200) {
    held = parse_decisions(r.body, error);
    if (!held) error = "GET /v1/decisions: " + error;
  } else {
    error = http_error("GET /v1/decisions", r);
  }

  std::vector<ServerReport> reports;
  const unsigned failures_before = s.sync.status(now.mono).consecutive_failures;
  if (held) {
    reports = s.sync.fetched(*held, now);
    if (failures_before > 0) log_.info("auth server reachable again", {{"server", s.sync.url()}});
  } else {
    s.sync.fetch_failed(error, now);
    // Once per outage at warn; the retries that follow at debug.
    log_.log(failures_before == 0 ? LogLevel::kWarn : LogLevel::kDebug, "auth server unreachable",
             {{"server", s.sync.url()}, {"error", error}});
    arm_retry(s);
  }

  if (start_done_) {
    for (ServerView& v : start_views_) {
      if (v.url != s.sync.url()) continue;
      v.ok = held.has_value();
      v.error = error;
      if (held) v.decisions = *held;
    }
    if (--start_pending_ == 0) finish_start();
    return;
  }
  for (const ServerReport& rep : reports)
    if (on_report_) on_report_(rep);
  pump(s);
}

void AuthPublisher::start_put(Server& s, const WireDecision& d) {
  s.sync.put_started(d);
  const std::string group = d.group;
  const uint64_t epoch = d.epoch;
  net::HttpRequest req = request("PUT", decision_url(s.sync.url(), d.group));
  req.headers.push_back("Content-Type: application/json");
  req.body = put_body(d);
  try {
    s.puts[group] = multi_.start(req, [this, &s, group, epoch](net::HttpResponse r) {
      s.puts.erase(group);
      on_put(s, group, epoch, r);
    });
  } catch (const std::exception& e) {
    net::HttpResponse r;
    r.code = CURLE_FAILED_INIT;
    r.error = e.what();
    on_put(s, group, epoch, r);
  }
}

void AuthPublisher::on_put(Server& s, const std::string& group, uint64_t epoch,
                           const net::HttpResponse& r) {
  const engine::Now now = clock_.stamp();
  const nlohmann::json where = {{"server", s.sync.url()}, {"group", group}, {"epoch", epoch}};
  if (r.ok() && r.status == 200) {
    s.sync.put_ok(group, now);
    log_.info("decision published", where);
  } else if (r.ok() && r.status == 409) {
    s.sync.put_conflict(group, now);
    nlohmann::json f = where;
    f["error"] = http_error("PUT", r);
    log_.warn("auth server holds a newer decision; reading it", f);
  } else if (r.ok() && (r.status == 400 || r.status == 404)) {
    const std::string error = http_error("PUT " + group, r);
    s.sync.put_rejected(group, error, now);
    nlohmann::json f = where;
    f["error"] = error;
    log_.error("auth server rejected a decision (configurations differ?)", f);
  } else {
    const std::string error = http_error("PUT " + group, r);
    const unsigned failures_before = s.sync.status(now.mono).consecutive_failures;
    s.sync.put_failed(group, error, now);
    nlohmann::json f = where;
    f["error"] = error;
    log_.log(failures_before == 0 ? LogLevel::kWarn : LogLevel::kDebug,
             "publishing failed; will retry", f);
    arm_retry(s);
  }
  pump(s);
}

void AuthPublisher::arm_retry(Server& s) {
  auto at = s.sync.retry_at();
  if (!at) return;
  const auto delay = std::chrono::duration_cast<Duration>(*at - clock_.now());
  s.retry->start(std::max(delay, Duration(0)), [this, &s] { pump(s); });
}

void AuthPublisher::reconcile() {
  for (auto& s : servers_) {
    if (s->sync.busy() || (s->sync.retry_at() && clock_.now() < *s->sync.retry_at())) continue;
    start_fetch(*s);
  }
  reconcile_timer_->start(engine::interval_with_jitter(opt_.reconcile_interval, random_.next()),
                          [this] { reconcile(); });
}

}  // namespace flipdns::publish
