// The controller's REST API over HTTP or HTTPS (cpp-httplib, on its own
// threads): routes, bearer tokens and roles, JSON errors. Every answer comes
// from the Backend. The endpoints are documented in controller/openapi.yaml.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "controller/api/backend.h"
#include "controller/api/tokens.h"
#include "resolver/server/logger.h"

namespace httplib {
class Server;
}

namespace flipdns::api {

struct ApiServerOptions {
  std::string host = "127.0.0.1";  // numeric; "::" or "0.0.0.0" for every address
  int port = 0;                    // 0: the kernel picks one (see port())
  std::string tls_cert;            // both set: HTTPS
  std::string tls_key;
};

class ApiServer {
 public:
  // `tokens` and `backend` must outlive the server.
  ApiServer(ApiServerOptions options, const TokenTable& tokens, Backend& backend, Logger& log);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds and starts serving; returns the port. Throws std::runtime_error if
  // the address cannot be bound or the certificate or key cannot be loaded.
  int start();
  // Stops accepting, lets requests in progress finish, joins the threads.
  void stop();
  int port() const { return port_; }
  bool tls() const { return !opt_.tls_cert.empty(); }

 private:
  void routes();

  ApiServerOptions opt_;
  const TokenTable& tokens_;
  Backend& backend_;
  Logger& log_;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace flipdns::api
