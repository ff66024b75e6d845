#include "resolver/server/auth_server.h"

#include <uv.h>

#include <array>
#include <csignal>
#include <memory>
#include <vector>

#include "resolver/dns/name.h"
#include "resolver/query/zone_loader.h"
#include "resolver/server/counters.h"
#include "resolver/server/duration.h"
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

nlohmann::json error_fields(const zone::ZoneError& e) {
  return {{"file", e.file()}, {"line", e.line()}, {"reason", e.reason()}};
}

// The main thread's loop: signals only. Everything here runs on the main thread.
class Supervisor {
 public:
  Supervisor(const Options& options, Logger& log, Snapshot<zone::ZoneSet>& zones,
             std::vector<std::unique_ptr<Worker>>& workers)
      : options_(options), log_(log), zones_(zones), workers_(workers) {}

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

  void reload() {
    auto started = uv_hrtime();
    try {
      auto next = query::load_zone_set(options_.zone_files);
      nlohmann::json zones = describe(*next);
      zones_.publish(std::move(next));
      for (auto& w : workers_) w->zones_changed();
      log_.info("zones reloaded",
                {{"zones", zones}, {"duration_ms", (uv_hrtime() - started) / 1'000'000}});
    } catch (const zone::ZoneError& e) {
      nlohmann::json f = error_fields(e);
      f["error"] = e.what();
      log_.error("reload failed; still serving the previous zones", f);
    } catch (const std::exception& e) {
      log_.error("reload failed; still serving the previous zones", {{"error", e.what()}});
    }
  }

  void stop(int signum) {
    if (stopping_) return;
    stopping_ = true;
    log_.info("stopping", {{"signal", signum == SIGTERM ? "SIGTERM" : "SIGINT"}});
    for (auto& w : workers_) w->stop();
    for (auto& s : signals_) uv_close(reinterpret_cast<uv_handle_t*>(&s), nullptr);
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
  uv_loop_t loop_{};
  std::array<uv_signal_t, 3> signals_{};
  bool stopping_ = false;
};

nlohmann::json totals(const std::vector<std::unique_ptr<Worker>>& workers) {
  uint64_t udp = 0, tcp = 0, silent = 0, truncated = 0, accepted = 0, refused = 0;
  std::array<uint64_t, WorkerCounters::kRcodeSlots> rcodes{};
  for (const auto& w : workers) {
    const WorkerCounters& c = w->counters();
    udp += c.udp_queries.get();
    tcp += c.tcp_queries.get();
    silent += c.no_response.get();
    truncated += c.responses_truncated.get();
    accepted += c.tcp_accepted.get();
    refused += c.tcp_refused.get();
    for (std::size_t i = 0; i < rcodes.size(); ++i) rcodes[i] += c.responses_by_rcode[i].get();
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

}  // namespace

int run_auth_server(const Options& options, Logger& log) {
  if (!options.zones_dir.empty()) {
    log.error("--zones: YAML zones are not supported yet; serve master files with --zone-file",
              {{"zones", options.zones_dir}});
    return 2;
  }
  if (options.control)
    log.warn("--control is accepted but the control listener is not served yet",
             {{"control", options.control->to_string()}});

  std::shared_ptr<const zone::ZoneSet> loaded;
  try {
    loaded = query::load_zone_set(options.zone_files);
  } catch (const zone::ZoneError& e) {
    log.error(e.what(), error_fields(e));
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

  Snapshot<zone::ZoneSet> zones(std::move(loaded));
  ServeSettings settings{&query::handle_query, options.identity, options.tcp_idle_timeout,
                         options.tcp_max_connections};
  std::vector<std::unique_ptr<Worker>> workers;
  try {
    for (unsigned i = 0; i < options.threads; ++i)
      workers.push_back(std::make_unique<Worker>(static_cast<int>(i), settings, zones,
                                                 std::move(sockets[i]), log));
  } catch (const std::exception& e) {
    log.error(std::string("cannot start the workers: ") + e.what());
    return 1;
  }

  Supervisor supervisor(options, log, zones, workers);
  int status = supervisor.run();
  log.info("stopped", totals(workers));
  return status;
}

}  // namespace flipdns::server
