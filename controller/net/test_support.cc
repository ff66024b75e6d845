#include "controller/net/test_support.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <uv.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "controller/net/uv_handle.h"

namespace flipdns::net {

TestHttpServer::TestHttpServer(const Routes& routes)
    : server_(std::make_unique<httplib::Server>()) {
  start(routes);
}

TestHttpServer::TestHttpServer(const Routes& routes, const std::filesystem::path& cert,
                               const std::filesystem::path& key)
    : server_(std::make_unique<httplib::SSLServer>(cert.c_str(), key.c_str())), tls_(true) {
  if (!server_->is_valid()) throw std::runtime_error("test server: bad certificate or key");
  start(routes);
}

void TestHttpServer::start(const Routes& routes) {
  routes(*server_);
  // One request per connection: stopping would otherwise wait out the
  // keep-alive timeout of every connection a client still holds.
  server_->set_keep_alive_max_count(1);
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("test server: cannot bind 127.0.0.1");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // stop() only works on a running server; the socket already accepts
  // connections (into its backlog) while we wait.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!server_->is_running()) {
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("test server did not start");
    std::this_thread::yield();
  }
}

TestHttpServer::~TestHttpServer() {
  stop();
}

void TestHttpServer::stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

TestLoop::~TestLoop() {
  close();
}

int TestLoop::close() {
  if (closed_) return 0;
  // Close callbacks run on the next turns of the loop.
  for (int i = 0; i < 100 && uv_loop_alive(&loop_); ++i) uv_run(&loop_, UV_RUN_NOWAIT);
  int rc = uv_loop_close(&loop_);
  closed_ = rc == 0;
  return rc;
}

namespace {

template <auto Free>
struct OpenSslFree {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};
struct FileClose {
  void operator()(FILE* f) const { std::fclose(f); }
};

void need(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificate: ") + what);
}

}  // namespace

void write_test_certificate(const std::filesystem::path& cert_path,
                            const std::filesystem::path& key_path, const std::string& name) {
  std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY_free>> key(EVP_EC_gen("P-256"));
  need(key != nullptr, "key");
  std::unique_ptr<X509, OpenSslFree<X509_free>> cert(X509_new());
  need(cert != nullptr, "certificate");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* subject = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(name.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), subject);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  for (const std::string& ext : {std::string("DNS:") + name, std::string("CA:TRUE")}) {
    const int nid = ext.starts_with("DNS:") ? NID_subject_alt_name : NID_basic_constraints;
    std::unique_ptr<X509_EXTENSION, OpenSslFree<X509_EXTENSION_free>> e(
        X509V3_EXT_conf_nid(nullptr, &ctx, nid, ext.c_str()));
    need(e != nullptr, "extension");
    X509_add_ext(cert.get(), e.get(), -1);
  }
  need(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "signature");
  std::unique_ptr<FILE, FileClose> c(std::fopen(cert_path.c_str(), "w"));
  std::unique_ptr<FILE, FileClose> k(std::fopen(key_path.c_str(), "w"));
  need(c && k, "cannot write the PEM files");
  need(PEM_write_X509(c.get(), cert.get()) == 1, "write certificate");
  need(PEM_write_PrivateKey(k.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1,
       "write key");
}

bool run_loop_until(uv_loop_t* loop, const std::function<bool()>& done,
                    std::chrono::milliseconds deadline) {
  const auto end = std::chrono::steady_clock::now() + deadline;
  // A timer keeps UV_RUN_ONCE from blocking past the deadline when nothing
  // else is pending.
  UvHandle<uv_timer_t> tick([loop](uv_timer_t* t) { return uv_timer_init(loop, t); });
  uv_timer_start(
      tick.get(), [](uv_timer_t*) {}, 20, 20);
  bool ok = done();
  while (!ok && std::chrono::steady_clock::now() < end) {
    uv_run(loop, UV_RUN_ONCE);
    ok = done();
  }
  return ok;
}

}  // namespace flipdns::net
