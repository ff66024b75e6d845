#include "controller/api/api_server.h"

#include <httplib.h>

#include <chrono>
#include <stdexcept>

namespace flipdns::api {
namespace {

constexpr const char* kJson = "application/json";
constexpr const char* kPrometheus = "text/plain; version=0.0.4; charset=utf-8";

void send(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  res.set_content(r.body.dump() + "\n", kJson);
}

bool mutating(const std::string& method) {
  return method != "GET" && method != "HEAD";
}

}  // namespace

ApiServer::ApiServer(ApiServerOptions options, const TokenTable& tokens, Backend& backend,
                     Logger& log)
    : opt_(std::move(options)), tokens_(tokens), backend_(backend), log_(log) {}

ApiServer::~ApiServer() {
  stop();
}

int ApiServer::start() {
  if (opt_.tls_cert.empty() != opt_.tls_key.empty())
    throw std::runtime_error("HTTPS needs both a certificate and a key");
  if (tls()) {
    http_ = std::make_unique<httplib::SSLServer>(opt_.tls_cert.c_str(), opt_.tls_key.c_str());
    if (!http_->is_valid())
      throw std::runtime_error("cannot load the TLS certificate " + opt_.tls_cert + " or key " +
                               opt_.tls_key);
  } else {
    http_ = std::make_unique<httplib::Server>();
  }
  // Short enough that stopping does not wait long on idle keep-alive clients.
  http_->set_keep_alive_timeout(2);
  http_->set_read_timeout(5, 0);
  http_->set_write_timeout(5, 0);
  http_->set_payload_max_length(64 * 1024);
  // httplib's default adds SO_REUSEPORT, which would let a second controller
  // share the port silently and answer half the requests: address reuse only.
  http_->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  routes();
  if (opt_.port == 0) {
    port_ = http_->bind_to_any_port(opt_.host);
  } else {
    port_ = http_->bind_to_port(opt_.host, opt_.port) ? opt_.port : -1;
  }
  if (port_ <= 0)
    throw std::runtime_error("cannot listen on " + opt_.host + ":" + std::to_string(opt_.port));
  thread_ = std::thread([this] { http_->listen_after_bind(); });
  // stop() only reaches a server that is running; connections made before
  // then wait in the socket's backlog.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!http_->is_running() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  return port_;
}

void ApiServer::stop() {
  if (!thread_.joinable()) return;
  http_->stop();
  thread_.join();
}

void ApiServer::routes() {
  httplib::Server& s = *http_;

  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    // Liveness probes and Prometheus scrapers usually carry no secret, and
    // neither endpoint changes anything (as on flipdns-auth's control port).
    if (req.path == "/healthz" || req.path == "/metrics")
      return httplib::Server::HandlerResponse::Unhandled;
    auto who = tokens_.authenticate(req.get_header_value("Authorization"));
    if (!who) {
      res.set_header("WWW-Authenticate", "Bearer realm=\"flipdns-controller\"");
      send(res, error_reply(401, "missing or invalid bearer token"));
      return httplib::Server::HandlerResponse::Handled;
    }
    if (mutating(req.method) && who->role != Role::kOperator) {
      send(res, error_reply(403, "a read token may only GET; this needs an operator token"));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // After the pre-routing check, the identity is there: look it up again
  // rather than carry state between handlers.
  auto identity = [this](const httplib::Request& req) {
    return *tokens_.authenticate(req.get_header_value("Authorization"));
  };

  s.Get("/healthz",
        [this](const httplib::Request&, httplib::Response& res) { send(res, backend_.healthz()); });
  s.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(backend_.metrics(), kPrometheus);
  });
  s.Get("/v1/groups",
        [this](const httplib::Request&, httplib::Response& res) { send(res, backend_.groups()); });
  s.Get(R"(/v1/groups/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
    send(res, backend_.group(req.matches[1]));
  });
  s.Post(R"(/v1/groups/([^/]+)/flip)",
         [this, identity](const httplib::Request& req, httplib::Response& res) {
           auto p = parse_flip(req.body);
           if (!p.value) return send(res, error_reply(400, p.error));
           send(res, backend_.flip(req.matches[1], *p.value, identity(req)));
         });
  s.Put(R"(/v1/groups/([^/]+)/pin)",
        [this, identity](const httplib::Request& req, httplib::Response& res) {
          auto p = parse_pin(req.body);
          if (!p.value) return send(res, error_reply(400, p.error));
          send(res, backend_.pin(req.matches[1], *p.value, identity(req)));
        });
  s.Delete(R"(/v1/groups/([^/]+)/pin)",
           [this, identity](const httplib::Request& req, httplib::Response& res) {
             send(res, backend_.unpin(req.matches[1], identity(req)));
           });
  s.Get("/v1/audit", [this](const httplib::Request& req, httplib::Response& res) {
    auto q = parse_audit_query(req.get_param_value("limit"), req.get_param_value("before"));
    if (!q.value) return send(res, error_reply(400, q.error));
    send(res, backend_.audit(*q.value));
  });
  s.Get("/v1/servers",
        [this](const httplib::Request&, httplib::Response& res) { send(res, backend_.servers()); });

  // Routing misses (404, and 405-like method mismatches) get a JSON body too.
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    send(res, error_reply(res.status, res.status == 404
                                          ? "no such endpoint: " + req.method + " " + req.path
                                          : "request failed"));
  });
  s.set_exception_handler([this](const httplib::Request& req, httplib::Response& res,
                                 std::exception_ptr ep) {
    std::string what = "unknown error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log_.error("api request failed", {{"method", req.method}, {"path", req.path}, {"error", what}});
    send(res, error_reply(500, "internal error: " + what));
  });
  s.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    if (!log_.enabled(LogLevel::kDebug)) return;
    log_.debug("api request", {{"method", req.method},
                               {"path", req.path},
                               {"status", res.status},
                               {"remote", req.remote_addr}});
  });
}

}  // namespace flipdns::api
