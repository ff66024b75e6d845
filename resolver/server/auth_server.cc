#include "resolver/server/auth_server.h"

#include <malloc.h>

#include <uv.h>

#include <array>
#include <csignal>
#include <memory>
#include <vector>

#include "common/settings/duration.h"
#include "resolver/control/control_api.h"
#include "resolver/control/control_server.h"
#include "resolver/control/reloader.h"
#include "resolver/decisions/serving_state.h"
#include "resolver/dns/name.h"
#include "resolver/query/zone_loader.h"
#include "resolver/server/counters.h"
#include "resolver/server/listen_socket.h"
#include "resolver/server/worker.h"

namespace flipdns::server {
namespace {

nlohmann::json describe(const zone::ZoneSet& zones) {
  nlohmann::json out = nlohmann::json::array();
  for (const zone::ServedZone& z : zones.zones()) {
    // The overlay holds the serial being served (it moves with every flip).
    uint32_t serial = z.overlay ? z.overlay->serial : z.zone->serial();
    out.push_back({{"origin", dns::to_text(z.zone->origin())},
                   {"serial", serial},
                   {"source", z.zone->source()}});
  }
  return out;
}

std::shared_ptr<const decisions::ServedConfig> load_config(const Options& o) {
  std::optional<std::filesystem::path> dir;
  if (!o.zones_dir.empty()) dir = o.zones_dir;
  return decisions::load_served_config(dir, o.zone_files);
}

// The main thread's loop: signals only. Everything here runs on the main thread.
class Supervisor {
 public:
  Supervisor(const Options& options, Logger& log, Snapshot<zone::ZoneSet>& zones,
             std::vector<std::unique_ptr<Worker>>& workers, std::function<void()> reload)
      : options_(options),
        log_(log),
        zones_(zones),
        workers_(workers),
        reload_(std::move(reload)) {}

  // Returns once every worker has stopped.
  int run() {
    if (int rc = uv_loop_init(&loop_); rc != 0) {
      log_.error("cannot start the main loop", {{"error", uv_strerror(rc)}});
      return 1;
    }
    constexpr std::array<int, 3> kSignals = {SIGTERM, SIGINT, SIGHUP};
    for (std::size_t i = 0; i < kSignals.size(); ++i) {
      uv_signal_init(&loop_, &signals_[i]);
      signals_[i].data = this;
      uv_signal_start(&signals_[i], on_signal, kSignals[i]);
    }
    if (options_.watch && !options_.zones_dir.empty()) watch();
    for (auto& w : workers_) w->start();
    log_.info("listening", listening_fields());

    uv_run(&loop_, UV_RUN_DEFAULT);  // until stop() has closed the signal handles
    for (auto& w : workers_) w->join();
    uv_loop_close(&loop_);
    return 0;
  }

 private:
  static void on_signal(uv_signal_t* handle, int signum) {
    auto* self = static_cast<Supervisor*>(handle->data);
    if (signum == SIGHUP)
      self->reload();
    else
      self->stop(signum);
  }

  void reload() { reload_(); }

  // A `git pull` writes several files; wait for quiet before reloading once.
  void watch() {
    uv_timer_init(&loop_, &debounce_);
    debounce_.data = this;
    uv_fs_event_init(&loop_, &watcher_);
    watcher_.data = this;
    int rc = uv_fs_event_start(
        &watcher_,
        [](uv_fs_event_t* h, const char*, int, int) {
          auto* self = static_cast<Supervisor*>(h->data);
          uv_timer_start(
              &self->debounce_, [](uv_timer_t* t) { static_cast<Supervisor*>(t->data)->reload(); },
              kWatchQuiet, 0);
        },
        options_.zones_dir.c_str(), 0);
    if (rc != 0) log_.warn("cannot watch the zones directory", {{"error", uv_strerror(rc)}});
    watching_ = true;
  }

  void stop(int signum) {
    if (stopping_) return;
    stopping_ = true;
    log_.info("stopping", {{"signal", signum == SIGTERM ? "SIGTERM" : "SIGINT"}});
    for (auto& w : workers_) w->stop();
    for (auto& s : signals_) uv_close(reinterpret_cast<uv_handle_t*>(&s), nullptr);
    if (watching_) {
      uv_close(reinterpret_cast<uv_handle_t*>(&watcher_), nullptr);
      uv_close(reinterpret_cast<uv_handle_t*>(&debounce_), nullptr);
    }
  }

  nlohmann::json listening_fields() const {
    nlohmann::json listen = nlohmann::json::array();
    for (const Endpoint& e : options_.listen) listen.push_back(e.to_string());
    auto [zones, generation] = zones_.get();
    return {{"listen", listen},
            {"threads", workers_.size()},
            {"zones", describe(*zones)},
            {"tcp_idle_timeout", format_duration(options_.tcp_idle_timeout)},
            {"tcp_max_connections", options_.tcp_max_connections}};
  }

  const Options& options_;
  Logger& log_;
  Snapshot<zone::ZoneSet>& zones_;
  std::vector<std::unique_ptr<Worker>>& workers_;
  std::function<void()> reload_;
  uv_loop_t loop_{};
  std::array<uv_signal_t, 3> signals_{};
  static constexpr uint64_t kWatchQuiet = 300;  // ms
  uv_fs_event_t watcher_{};
  uv_timer_t debounce_{};
  bool watching_ = false;
  bool stopping_ = false;
};

// Building a zone set makes millions of small allocations that are all freed
// once it is built; glibc keeps that memory in the heap unless asked. Without
// this, flipdns-auth stayed at its peak loading size (476 MB for the 1,000,000-
// name bench zone; 358 MB trimmed), and a reload left it at the size of both
// copies (861 MB; 387 MB trimmed).
void release_free_heap() {
  malloc_trim(0);
}

std::vector<const WorkerCounters*> all_counters(
    const std::vector<std::unique_ptr<Worker>>& workers) {
  std::vector<const WorkerCounters*> all;
  for (const auto& w : workers)
    for (const WorkerCounters* c : w->counters()) all.push_back(c);
  return all;
}

nlohmann::json totals(const std::vector<std::unique_ptr<Worker>>& workers) {
  uint64_t udp = 0, tcp = 0, silent = 0, truncated = 0, accepted = 0, refused = 0;
  std::array<uint64_t, WorkerCounters::kRcodeSlots> rcodes{};
  for (const WorkerCounters* c : all_counters(workers)) {
    udp += c->udp_queries.get();
    tcp += c->tcp_queries.get();
    silent += c->no_response.get();
    truncated += c->responses_truncated.get();
    accepted += c->tcp_accepted.get();
    refused += c->tcp_refused.get();
    for (std::size_t i = 0; i < rcodes.size(); ++i) rcodes[i] += c->responses_by_rcode[i].get();
  }
  nlohmann::json by_rcode = nlohmann::json::object();
  for (std::size_t i = 0; i < rcodes.size(); ++i)
    if (rcodes[i] != 0) by_rcode[std::to_string(i)] = rcodes[i];
  return {{"udp_queries", udp},
          {"tcp_queries", tcp},
          {"no_response", silent},
          {"responses_truncated", truncated},
          {"responses_by_rcode", by_rcode},
          {"tcp_connections", accepted},
          {"tcp_refused", refused}};
}

control::QueryCounts sum_counters(const std::vector<std::unique_ptr<Worker>>& workers) {
  control::QueryCounts q;
  for (const WorkerCounters* counters : all_counters(workers)) {
    const WorkerCounters& c = *counters;
    q.udp += c.udp_queries.get();
    q.tcp += c.tcp_queries.get();
    q.no_response += c.no_response.get();
    q.truncated += c.responses_truncated.get();
    for (std::size_t t = 0; t < WorkerCounters::kOtherType; ++t)
      if (uint64_t n = c.queries_by_type[t].get()) q.by_qtype[static_cast<uint16_t>(t)] += n;
    q.other_qtypes += c.queries_by_type[WorkerCounters::kOtherType].get();
    for (std::size_t r = 0; r < WorkerCounters::kOtherRcode; ++r)
      if (uint64_t n = c.responses_by_rcode[r].get()) q.by_rcode[static_cast<uint16_t>(r)] += n;
    q.other_rcodes += c.responses_by_rcode[WorkerCounters::kOtherRcode].get();
  }
  return q;
}

}  // namespace

int run_auth_server(const Options& options, Logger& log) {
  std::shared_ptr<const decisions::ServedConfig> config;
  try {
    config = load_config(options);
  } catch (const decisions::ConfigLoadError& e) {
    log.error("bad configuration", {{"error", e.what()}});
    return 2;
  }

  // Every socket is bound before any worker starts, so a bad address fails the
  // start instead of leaving a server that serves some of its addresses.
  std::vector<std::vector<Worker::Sockets>> sockets(options.threads);
  try {
    for (auto& mine : sockets)
      for (const Endpoint& e : options.listen)
        mine.push_back({open_udp_socket(e), open_tcp_listener(e, SOMAXCONN), e.is_wildcard()});
  } catch (const SocketError& e) {
    log.error(std::string("cannot listen: ") + e.what());
    return 1;
  }

  // A client that resets a TCP connection mid-write must not kill the process.
  std::signal(SIGPIPE, SIG_IGN);

  // Workers start only after the persisted decisions are in force: the first
  // answer given is already the saved decision.
  Snapshot<zone::ZoneSet> zones(
      std::make_shared<const zone::ZoneSet>(std::vector<zone::ServedZone>{}));
  std::vector<std::unique_ptr<Worker>> workers;
  std::unique_ptr<decisions::ServingState> state;
  try {
    state = std::make_unique<decisions::ServingState>(
        config, decisions::DecisionStore(options.state_dir),
        [&](std::shared_ptr<const zone::ZoneSet> next) {
          zones.publish(std::move(next));
          for (auto& w : workers) w->zones_changed();
        });
  } catch (const std::exception& e) {
    log.error("cannot load the saved decisions", {{"error", e.what()}});
    return 1;
  }
  config.reset();  // the state holds what it serves
  release_free_heap();

  ServeSettings settings{&query::handle_query, options.identity, options.tcp_idle_timeout,
                         options.tcp_max_connections};
  try {
    for (unsigned i = 0; i < options.threads; ++i)
      workers.push_back(std::make_unique<Worker>(static_cast<int>(i), settings, zones,
                                                 std::move(sockets[i]), log));
  } catch (const std::exception& e) {
    log.error(std::string("cannot start the workers: ") + e.what());
    return 1;
  }

  // One reload path for SIGHUP, --watch and POST /v1/reload.
  control::ReloadStatus reloads(std::chrono::system_clock::now());
  control::Reloader reloader(*state, reloads, [&] { return load_config(options); });
  auto reload = [&] {
    auto started = std::chrono::steady_clock::now();
    control::ReloadResult r = reloader.reload();
    release_free_heap();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    if (r.ok)
      log.info("zones reloaded",
               {{"zones", describe(*state->snapshot())}, {"duration_ms", ms.count()}});
    else
      log.error("reload failed; still serving the previous zones", {{"error", r.error}});
    return r;
  };

  // Declared after everything it reads, so it stops first.
  std::unique_ptr<control::ControlApi> api;
  std::unique_ptr<control::ControlServer> listener;
  if (options.control) {
    try {
      api = std::make_unique<control::ControlApi>(
          *state, reloads, control::BearerAuth::from_file(options.control_token_file), reload,
          [&] { return sum_counters(workers); },
          control::ControlApiOptions{.version = FLIPDNS_VERSION});
    } catch (const std::exception& e) {
      log.error("bad control token", {{"error", e.what()}});
      return 2;
    }
    listener = std::make_unique<control::ControlServer>(
        [&](const control::ApiRequest& r) { return api->handle(r); },
        control::ControlServerConfig{.listen = options.control->to_string(),
                                     .tls_cert_file = options.control_tls_cert,
                                     .tls_key_file = options.control_tls_key});
    std::string error;
    if (!listener->start(error)) {
      log.error("cannot start the control listener", {{"error", error}});
      return 1;
    }
  }

  Supervisor supervisor(options, log, zones, workers, [&] { reload(); });
  int status = supervisor.run();
  log.info("stopped", totals(workers));
  return status;
}

}  // namespace flipdns::server
