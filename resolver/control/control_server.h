// The control listener: ControlApi (or any handler) served over HTTP/1.1, with
// TLS when a certificate and key are given. Runs on its own threads, apart from
// the DNS workers, so a slow control client never delays a query.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "resolver/control/control_api.h"

namespace flipdns::control {

struct ListenAddress {
  std::string host{};  // numeric, without brackets
  uint16_t port = 0;
};

// "127.0.0.1:8053" or "[::1]:8053" (--control); numeric addresses only, port 0
// allowed (the kernel picks one). nullopt for anything else.
std::optional<ListenAddress> parse_listen_address(std::string_view text);

struct ControlServerConfig {
  std::string listen{};         // as parse_listen_address reads
  std::string tls_cert_file{};  // PEM; TLS when both are set, plain HTTP when neither is
  std::string tls_key_file{};
  std::size_t max_body_bytes = 64 * 1024;  // larger bodies get 413 unread
  // Per read and per write on a connection. stop() waits for connections in
  // progress, so a client stalled mid-request delays it by up to read_timeout,
  // an idle kept-alive one by up to keep_alive_timeout.
  std::chrono::seconds read_timeout{2};
  std::chrono::seconds write_timeout{5};
  std::chrono::seconds keep_alive_timeout{1};
  std::size_t threads = 4;  // connections served at once; more wait for a thread
};

class ControlServer {
 public:
  using Handler = std::function<ApiResponse(const ApiRequest&)>;

  ControlServer(Handler handler, ControlServerConfig config);
  ~ControlServer();  // stop()
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // Binds and starts serving. On failure (bad address, port in use, unreadable
  // certificate) returns false with the reason in `error`, and nothing runs.
  [[nodiscard]] bool start(std::string& error);

  // Closes the listening socket, finishes the requests in progress, joins every
  // thread. Idempotent.
  void stop();

  // The port bound (useful with port 0); 0 before start().
  uint16_t port() const;
  bool tls() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace flipdns::control
