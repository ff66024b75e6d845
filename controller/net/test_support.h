// Helpers shared by the controller's network tests (linked into tests only).
#pragma once

#include <httplib.h>
#include <uv.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace flipdns::net {

// A cpp-httplib server on 127.0.0.1 with a kernel-chosen port, run on its own
// thread for the duration of a test: stands for a member's health endpoint or
// for an auth server's control API.
class TestHttpServer {
 public:
  using Routes = std::function<void(httplib::Server&)>;
  // `routes` registers the handlers before the server starts.
  explicit TestHttpServer(const Routes& routes);
  // HTTPS with the given PEM certificate and key.
  TestHttpServer(const Routes& routes, const std::filesystem::path& cert,
                 const std::filesystem::path& key);
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  int port() const { return port_; }
  std::string url() const {
    return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
  }
  void stop();

 private:
  void start(const Routes& routes);

  std::unique_ptr<httplib::Server> server_;
  bool tls_ = false;
  int port_ = 0;
  std::thread thread_;
};

// A libuv loop for one test. Closing lets pending close callbacks run; a
// handle left open makes close() return UV_EBUSY, which tests assert on.
class TestLoop {
 public:
  TestLoop() { uv_loop_init(&loop_); }
  ~TestLoop();
  TestLoop(const TestLoop&) = delete;
  TestLoop& operator=(const TestLoop&) = delete;
  uv_loop_t* get() { return &loop_; }
  // Runs until no handle is left open and closes the loop; UV_EBUSY if a
  // handle is still open (a leak).
  int close();

 private:
  uv_loop_t loop_;
  bool closed_ = false;
};

// Writes a self-signed certificate (P-256, a day, subjectAltName DNS:`name`)
// and its key as PEM: the certificate is also its own CA file.
void write_test_certificate(const std::filesystem::path& cert, const std::filesystem::path& key,
                            const std::string& name);

// Runs `loop` until `done()` holds or `deadline` passes; true if it holds.
// Tests wait for network events this way, never by sleeping.
bool run_loop_until(uv_loop_t* loop, const std::function<bool()>& done,
                    std::chrono::milliseconds deadline = std::chrono::seconds(10));

}  // namespace flipdns::net
