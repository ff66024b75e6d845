// The only file that includes httplib.h (Debian's build: the header declares, the
// shared library defines, both with OpenSSL, zlib and brotli support).
#include "resolver/control/control_server.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <sys/socket.h>

#include <httplib.h>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

namespace flipdns::control {
namespace {

bool numeric_address(const std::string& host, int family) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(family, host.c_str(), buf) == 1;
}

std::string error_body(const std::string& message) {
  return nlohmann::json{{"error", message}}.dump() + "\n";
}

std::string openssl_error() {
  unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return std::string(": ") + buf;
}

}  // namespace

std::optional<ListenAddress> parse_listen_address(std::string_view text) {
  ListenAddress out;
  std::string_view port;
  if (text.starts_with('[')) {
    auto close = text.find("]:");
    if (close == text.npos) return std::nullopt;
    out.host = text.substr(1, close - 1);
    port = text.substr(close + 2);
    if (!numeric_address(out.host, AF_INET6)) return std::nullopt;
  } else {
    auto colon = text.rfind(':');
    if (colon == text.npos) return std::nullopt;
    out.host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (!numeric_address(out.host, AF_INET)) return std::nullopt;
  }
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value > 65535)
    return std::nullopt;
  out.port = static_cast<uint16_t>(value);
  return out;
}

struct ControlServer::Impl {
  Handler handler;
  ControlServerConfig config;
  std::unique_ptr<httplib::Server> http;
  std::thread thread;
  uint16_t port = 0;

  std::mutex mu;
  std::condition_variable cv;
  bool done = false;  // the listen loop has returned

  void serve(const httplib::Request& req, httplib::Response& res) const {
    std::string authorization = req.get_header_value("Authorization");
    ApiRequest in{req.method, req.target, authorization, req.body};
    ApiResponse out;
    try {
      out = handler(in);
    } catch (const std::exception& e) {
      out = {500, "application/json", {}, error_body(e.what())};
    }
    res.status = out.status;
    for (const auto& [name, value] : out.headers) res.set_header(name, value);
    res.set_content(out.body, out.content_type);
  }

  void configure() {
    // Without SO_REUSEPORT (httplib's default), a second listener on the same
    // port fails to bind instead of silently sharing it.
    http->set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // Responses go out as headers then body; without this, Nagle holds the body
    // back until the client's delayed ACK, some 40 ms per request.
    http->set_tcp_nodelay(true);
    http->set_payload_max_length(config.max_body_bytes);
    http->set_read_timeout(config.read_timeout);
    http->set_write_timeout(config.write_timeout);
    http->set_keep_alive_timeout(config.keep_alive_timeout.count());
    // httplib's API: the server takes ownership of the pool it is handed.
    std::size_t threads = config.threads;
    http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };

    auto route = [this](const httplib::Request& req, httplib::Response& res) { serve(req, res); };
    http->Get(".*", route);  // HEAD too
    http->Put(".*", route);
    http->Post(".*", route);
    http->Delete(".*", route);
    http->Patch(".*", route);
    http->Options(".*", route);
    // Errors httplib answers itself (413, 414, a malformed request) get a JSON body too.
    http->set_error_handler(httplib::Server::HandlerWithResponse(
        [max = config.max_body_bytes](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          std::string message = "HTTP error " + std::to_string(res.status);
          if (res.status == 413)
            message = "request body larger than " + std::to_string(max) + " bytes";
          else if (res.status == 414)
            message = "request target too long";
          else if (res.status == 400)
            message = "malformed request";
          res.set_content(error_body(message), "application/json");
          return httplib::Server::HandlerResponse::Handled;
        }));
  }
};

ControlServer::ControlServer(Handler handler, ControlServerConfig config)
    : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->config = std::move(config);
}

ControlServer::~ControlServer() {
  stop();
}

bool ControlServer::start(std::string& error) {
  Impl& s = *impl_;
  if (s.http) {
    error = "the control listener is already started";
    return false;
  }
  auto addr = parse_listen_address(s.config.listen);
  if (!addr) {
    error = "invalid control listen address \"" + s.config.listen +
            "\" (want ADDR:PORT, IPv6 as [::1]:PORT)";
    return false;
  }
  bool want_tls = !s.config.tls_cert_file.empty() || !s.config.tls_key_file.empty();
  std::unique_ptr<httplib::Server> http;
  if (want_tls) {
    if (s.config.tls_cert_file.empty() || s.config.tls_key_file.empty()) {
      error = "TLS for the control listener needs both a certificate and a key file";
      return false;
    }
    ERR_clear_error();
    http = std::make_unique<httplib::SSLServer>(s.config.tls_cert_file.c_str(),
                                                s.config.tls_key_file.c_str());
    if (!http->is_valid()) {
      error = "cannot load the TLS certificate " + s.config.tls_cert_file + " or key " +
              s.config.tls_key_file + openssl_error();
      return false;
    }
  } else {
    http = std::make_unique<httplib::Server>();
  }
  s.http = std::move(http);
  s.configure();

  errno = 0;
  int port = addr->port == 0 ? s.http->bind_to_any_port(addr->host)
                             : (s.http->bind_to_port(addr->host, addr->port) ? addr->port : -1);
  if (port <= 0) {
    int err = errno;
    error =
        "cannot listen on " + s.config.listen + (err ? std::string(": ") + std::strerror(err) : "");
    s.http.reset();
    return false;
  }
  s.port = static_cast<uint16_t>(port);
  s.done = false;
  s.thread = std::thread([&s] {
    s.http->listen_after_bind();
    std::lock_guard lock(s.mu);
    s.done = true;
    s.cv.notify_all();
  });
  return true;
}

void ControlServer::stop() {
  Impl& s = *impl_;
  if (!s.thread.joinable()) return;
  {
    // httplib's stop() does nothing until the listen loop has begun (it checks
    // is_running()), and must not be repeated once it has closed the socket: so
    // it is called exactly once, as soon as the loop is seen running.
    std::unique_lock lock(s.mu);
    bool stopped = false;
    while (!s.done) {
      if (!stopped && s.http->is_running()) {
        s.http->stop();
        stopped = true;
      }
      s.cv.wait_for(lock, std::chrono::milliseconds(stopped ? 1000 : 1));
    }
  }
  s.thread.join();
  s.http.reset();
}

uint16_t ControlServer::port() const {
  return impl_->port;
}

bool ControlServer::tls() const {
  return !impl_->config.tls_cert_file.empty() && !impl_->config.tls_key_file.empty();
}

}  // namespace flipdns::control
