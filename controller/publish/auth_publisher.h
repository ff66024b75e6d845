// The publisher (DESIGN.md, one decision): pushes each decision to every
// flipdns-auth control endpoint over the controller's curl multi, retries
// with backoff, and reconciles periodically by reading each server's
// decisions, so that a server restarted from an old disk is repaired and a
// server holding something newer is heard. Decisions are never pushed over a
// newer epoch.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "controller/engine/clock.h"
#include "controller/net/curl_multi.h"
#include "controller/net/timer.h"
#include "controller/publish/publisher.h"
#include "resolver/server/logger.h"

namespace flipdns::publish {

struct PublisherOptions {
  std::vector<std::string> servers;  // base URLs, "http://127.0.0.1:8053"
  std::string token;                 // --auth-token-file's token
  std::string ca_file;               // for https servers; empty: the system store
  Duration timeout{2000};            // per request
  Duration reconcile_interval{10000};
  Duration max_backoff{10000};
};

class AuthPublisher final : public Publisher {
 public:
  AuthPublisher(net::CurlMulti& multi, net::TimerFactory& timers, const engine::Clock& clock,
                engine::RandomSource& random, Logger& log, PublisherOptions options);
  ~AuthPublisher() override;

  void start(std::function<void(std::vector<ServerView>)> done) override;
  void publish(const WireDecision& d) override;
  void forget(const std::string& group) override;
  std::vector<ServerStatus> status() const override;
  void on_report(OnReport handler) override { on_report_ = std::move(handler); }

 private:
  struct Server {
    ServerSync sync;
    std::unique_ptr<net::Timer> retry;
    std::optional<net::CurlMulti::Id> fetch;
    std::map<std::string, net::CurlMulti::Id> puts;
  };

  void pump(Server& s);
  void start_fetch(Server& s);
  void on_fetch(Server& s, const net::HttpResponse& r);
  void start_put(Server& s, const WireDecision& d);
  void on_put(Server& s, const std::string& group, uint64_t epoch, const net::HttpResponse& r);
  void arm_retry(Server& s);
  void reconcile();
  void finish_start();
  net::HttpRequest request(std::string method, std::string url) const;

  net::CurlMulti& multi_;
  const engine::Clock& clock_;
  engine::RandomSource& random_;
  Logger& log_;
  PublisherOptions opt_;
  std::vector<std::unique_ptr<Server>> servers_;
  std::unique_ptr<net::Timer> reconcile_timer_;
  OnReport on_report_;
  // The cold start's reading of every server, until each has answered or failed.
  std::function<void(std::vector<ServerView>)> start_done_;
  std::vector<ServerView> start_views_;
  size_t start_pending_ = 0;
};

}  // namespace flipdns::publish
