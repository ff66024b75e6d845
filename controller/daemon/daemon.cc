#include "controller/daemon/daemon.h"

#include <uv.h>

#include <filesystem>
#include <optional>
#include <random>

#include "controller/api/api_server.h"
#include "controller/api/tokens.h"
#include "controller/daemon/controller.h"
#include "controller/daemon/loop_backend.h"
#include "controller/daemon/readiness.h"
#include "controller/daemon/zone_watch.h"
#include "controller/net/curl_multi.h"
#include "controller/net/loop_executor.h"
#include "controller/net/uv_handle.h"
#include "controller/net/uv_timer.h"
#include "controller/probe/probe_factory.h"
#include "controller/publish/auth_publisher.h"
#include "controller/state/audit_log.h"
#include "controller/state/state_store.h"
#include "zones/config_dir.h"

namespace flipdns::daemon {
namespace {

// The loop outlives every handle on it: closing runs the close callbacks of
// handles destroyed before it.
class Loop {
 public:
  explicit Loop(Logger& log) : log_(log) {
    if (int rc = uv_loop_init(&loop_); rc != 0) throw net::UvError("uv_loop_init", rc);
  }
  ~Loop() {
    for (int i = 0; i < 1000 && uv_loop_alive(&loop_); ++i) uv_run(&loop_, UV_RUN_NOWAIT);
    if (uv_loop_close(&loop_) != 0) log_.warn("event loop closed with handles still open");
  }
  uv_loop_t* get() { return &loop_; }

 private:
  Logger& log_;
  uv_loop_t loop_;
};

nlohmann::json error_list(const zones::ConfigErrors& errors) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : errors) out.push_back(e.to_string());
  return out;
}

uint64_t seed() {
  std::random_device rd;
  return (uint64_t{rd()} << 32) ^ rd();
}

}  // namespace

int run_controller(const Options& o, Logger& log) {
  // Configuration: anything wrong here is exit status 2.
  zones::LoadResult loaded = zones::load_config_dir(o.zones_dir);
  if (!loaded.ok()) {
    log.error("bad configuration", {{"zones", o.zones_dir}, {"errors", error_list(loaded.errors)}});
    return 2;
  }
  std::optional<api::TokenTable> tokens;
  std::string auth_token;
  try {
    tokens = api::TokenTable::load(o.tokens_file);
    if (!o.auth_token_file.empty()) auth_token = api::read_single_token(o.auth_token_file);
  } catch (const api::TokenError& e) {
    log.error("bad configuration", {{"error", e.what()}});
    return 2;
  }
  if (o.auth_servers.empty())
    log.warn("no --auth-server given: decisions are made and audited but reach no auth server");

  // Runtime: exit status 1.
  std::optional<state::StateStore> store;
  std::optional<state::AuditLog> audit;
  try {
    store.emplace(o.state_dir);
    audit.emplace(std::filesystem::path(o.state_dir) / "audit.jsonl");
  } catch (const std::exception& e) {
    log.error("cannot use the state dir", {{"dir", o.state_dir}, {"error", e.what()}});
    return 1;
  }

  Loop loop(log);
  uv_loop_t* l = loop.get();
  engine::SystemClock clock;
  engine::Mt64Random random(seed());
  net::CurlMulti multi(l);
  net::UvTimerFactory timers(l);
  probe::NetworkProbeFactory probes(l, multi, clock, o.check_ca_file);
  publish::PublisherOptions po;
  po.servers = o.auth_servers;
  po.token = auth_token;
  po.ca_file = o.auth_ca_file;
  po.timeout = o.auth_timeout;
  po.reconcile_interval = o.reconcile_interval;
  publish::AuthPublisher publisher(multi, timers, clock, random, log, po);
  Controller controller({clock, random, timers, probes, publisher, *store, *audit, log},
                        loaded.config);
  net::LoopExecutor exec(l);
  LoopBackend backend(exec, controller);
  api::ApiServer server({o.api_host, o.api_port, o.tls_cert, o.tls_key}, *tokens, backend, log);
  try {
    const int port = server.start();
    log.info("api listening", {{"address", o.api_host}, {"port", port}, {"tls", server.tls()}});
  } catch (const std::exception& e) {
    log.error("cannot start the api", {{"error", e.what()}});
    return 1;
  }

  auto reload = [&](const char* why) {
    log.info("reloading the zones directory", {{"dir", o.zones_dir}, {"trigger", why}});
    controller.reload(zones::load_config_dir(o.zones_dir));
  };
  auto stop = [&](const char* signal) {
    log.info("stopping", {{"signal", signal}});
    notify_systemd("STOPPING=1");
    exec.close();  // API threads waiting on the loop get 503 now, not after it stopped
    uv_stop(l);
  };
  struct SignalWatch {
    std::function<void()> handler;
    net::UvHandle<uv_signal_t> handle;
  };
  std::vector<std::unique_ptr<SignalWatch>> signals;
  auto on_signal = [&](int signum, std::function<void()> handler) {
    auto w = std::make_unique<SignalWatch>();
    w->handler = std::move(handler);
    w->handle = net::UvHandle<uv_signal_t>([l](uv_signal_t* s) { return uv_signal_init(l, s); });
    w->handle->data = w.get();
    uv_signal_start(
        w->handle.get(), [](uv_signal_t* s, int) { static_cast<SignalWatch*>(s->data)->handler(); },
        signum);
    signals.push_back(std::move(w));
  };
  on_signal(SIGHUP, [&] { reload("SIGHUP"); });
  on_signal(SIGTERM, [&] { stop("SIGTERM"); });
  on_signal(SIGINT, [&] { stop("SIGINT"); });

  std::optional<ZoneWatch> watch;
  if (o.watch) {
    try {
      watch.emplace(l, o.zones_dir, [&] { reload("watch"); });
    } catch (const std::exception& e) {
      log.error("cannot watch the zones directory", {{"dir", o.zones_dir}, {"error", e.what()}});
      return 1;
    }
  }

  controller.on_running([&] { notify_systemd("READY=1"); });
  controller.start();
  uv_run(l, UV_RUN_DEFAULT);

  server.stop();
  log.info("stopped");
  return 0;
}

}  // namespace flipdns::daemon
