#include "controller/probe/http_probe.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>

#include "controller/net/test_support.h"

namespace flipdns::probe {
namespace {

TEST(HttpCheckRequest, ConnectsToTheMemberButNamesTheHost) {
  ProbeTarget t;
  t.address = "2001:db8::10";
  t.check.kind = CheckKind::kHttps;
  t.check.port = 8443;
  t.check.path = "/healthz";
  t.check.host = "app.example.com";
  net::HttpRequest r = http_check_request(t, "/etc/ca.pem");
  EXPECT_EQ(r.url, "https://app.example.com:8443/healthz");
  EXPECT_EQ(r.connect_to, "app.example.com:8443:[2001:db8::10]:8443");
  EXPECT_EQ(r.ca_file, "/etc/ca.pem");
  EXPECT_TRUE(r.verify_tls);
  EXPECT_TRUE(r.fresh_connection);
}

TEST(HttpCheckRequest, WithoutAHostTheAddressIsTheName) {
  ProbeTarget t;
  t.address = "2001:db8::10";
  t.check.port = 80;
  t.check.path = "/";
  EXPECT_EQ(http_check_request(t, "").url, "http://[2001:db8::10]:80/");
  EXPECT_FALSE(http_check_request(t, "").connect_to);
  t.address = "192.0.2.1";
  EXPECT_EQ(http_check_request(t, "").url, "http://192.0.2.1:80/");
}

int closed_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

void health_routes(httplib::Server& s) {
  s.Get("/healthz", [](const httplib::Request& q, httplib::Response& r) {
    // Answers only requests that name the service, as a virtual host would.
    if (q.get_header_value("Host").rfind("app.test:", 0) != 0) {
      r.status = 421;
      return;
    }
    r.set_content("{\"status\":\"ok\"}", "application/json");
  });
  s.Get("/down", [](const httplib::Request&, httplib::Response& r) { r.status = 503; });
}

class HttpProbeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_init(CURL_GLOBAL_DEFAULT); }

  ProbeOutcome check(const ProbeTarget& t, const std::string& ca_file = "") {
    std::optional<ProbeOutcome> got;
    {
      net::CurlMulti multi(loop_.get());
      HttpProbe probe(multi, t, ca_file);
      probe.run([&](ProbeOutcome o) { got = std::move(o); });
      EXPECT_TRUE(net::run_loop_until(loop_.get(), [&] { return got.has_value(); }));
    }
    EXPECT_EQ(loop_.close(), 0);
    return got.value_or(ProbeOutcome{.ok = false, .latency = Duration(0), .error = "no answer"});
  }

  ProbeTarget target(int port, std::string path, std::string host = "app.test") {
    ProbeTarget t;
    t.group = "app.example.com.";
    t.address = "127.0.0.1";
    t.check.port = static_cast<uint16_t>(port);
    t.check.path = std::move(path);
    t.check.host = std::move(host);
    t.check.timeout = Duration(2000);
    return t;
  }

  net::TestLoop loop_;
};

TEST_F(HttpProbeTest, AHealthyMemberPasses) {
  net::TestHttpServer server(health_routes);
  ProbeTarget t = target(server.port(), "/healthz");
  t.check.body = "\"status\":\"ok\"";
  ProbeOutcome o = check(t);
  EXPECT_TRUE(o.ok) << o.error;
  EXPECT_EQ(o.error, "");
}

TEST_F(HttpProbeTest, TheHostHeaderIsTheChecksHostNotTheAddress) {
  net::TestHttpServer server(health_routes);
  ProbeOutcome o = check(target(server.port(), "/healthz", ""));
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.error, "status 421 (expected 200)");
}

// Passes a HEAD and refuses anything else, so only a real HEAD passes; a HEAD
// sent without CURLOPT_NOBODY would wait for a body that never comes.
void head_only_route(httplib::Server& s) {
  s.Get("/head-only", [](const httplib::Request& q, httplib::Response& r) {
    r.status = q.method == "HEAD" ? 200 : 405;
    r.set_content("a body HEAD must not send", "text/plain");
  });
}

TEST_F(HttpProbeTest, AHeadCheckSendsHead) {
  net::TestHttpServer server(head_only_route);
  ProbeTarget t = target(server.port(), "/head-only");
  t.check.method = "HEAD";
  ProbeOutcome o = check(t);
  EXPECT_TRUE(o.ok) << o.error;
}

TEST_F(HttpProbeTest, AGetCheckDoesNotSendHead) {
  net::TestHttpServer server(head_only_route);
  ProbeOutcome o = check(target(server.port(), "/head-only"));
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.error, "status 405 (expected 200)");
}

TEST_F(HttpProbeTest, A503Fails) {
  net::TestHttpServer server(health_routes);
  ProbeOutcome o = check(target(server.port(), "/down"));
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.error, "status 503 (expected 200)");
}

TEST_F(HttpProbeTest, AMissingBodySubstringFails) {
  net::TestHttpServer server(health_routes);
  ProbeTarget t = target(server.port(), "/healthz");
  t.check.body = "ready";
  EXPECT_EQ(check(t).error, "body does not contain \"ready\"");
}

TEST_F(HttpProbeTest, AClosedPortFails) {
  ProbeOutcome o = check(target(closed_port(), "/healthz"));
  EXPECT_FALSE(o.ok);
  EXPECT_NE(o.error.find("onnect"), std::string::npos) << o.error;
}

TEST_F(HttpProbeTest, ASilentMemberTimesOut) {
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  net::TestHttpServer server([&](httplib::Server& s) {
    s.Get("/healthz", [&](const httplib::Request&, httplib::Response& r) {
      std::unique_lock lock(mu);
      cv.wait_for(lock, std::chrono::seconds(10), [&] { return release; });
      r.set_content("late", "text/plain");
    });
  });
  ProbeTarget t = target(server.port(), "/healthz");
  t.check.timeout = Duration(200);
  ProbeOutcome o = check(t);
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  EXPECT_FALSE(o.ok);
  EXPECT_NE(o.error.find("imed out"), std::string::npos) << o.error;
}

TEST_F(HttpProbeTest, DestroyingTheSessionCancelsTheCheck) {
  net::TestHttpServer server(health_routes);
  bool answered = false;
  {
    net::CurlMulti multi(loop_.get());
    {
      HttpProbe probe(multi, target(server.port(), "/healthz"), "");
      probe.run([&](ProbeOutcome) { answered = true; });
    }
    EXPECT_EQ(multi.active(), 0u);
    net::run_loop_until(
        loop_.get(), [] { return false; }, std::chrono::milliseconds(50));
  }
  EXPECT_FALSE(answered);
  EXPECT_EQ(loop_.close(), 0);
}

class HttpsProbeTest : public HttpProbeTest {
 protected:
  HttpsProbeTest() {
    dir_ = std::filesystem::temp_directory_path() /
           ("flipdns-https-probe-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    net::write_test_certificate(dir_ / "cert.pem", dir_ / "key.pem", "app.test");
  }
  ~HttpsProbeTest() override { std::filesystem::remove_all(dir_); }

  ProbeTarget https_target(int port, std::string host = "app.test") {
    ProbeTarget t = target(port, "/healthz", std::move(host));
    t.check.kind = CheckKind::kHttps;
    return t;
  }

  std::filesystem::path dir_;
};

TEST_F(HttpsProbeTest, VerifiesTheCertificateAgainstTheCaFileAndTheHostName) {
  net::TestHttpServer server(health_routes, dir_ / "cert.pem", dir_ / "key.pem");
  ProbeOutcome o = check(https_target(server.port()), (dir_ / "cert.pem").string());
  EXPECT_TRUE(o.ok) << o.error;
}

TEST_F(HttpsProbeTest, VerificationIsOnByDefault) {
  net::TestHttpServer server(health_routes, dir_ / "cert.pem", dir_ / "key.pem");
  ProbeOutcome o = check(https_target(server.port()));  // the system store lacks our CA
  EXPECT_FALSE(o.ok);
  EXPECT_NE(o.error.find("certificate"), std::string::npos) << o.error;
}

TEST_F(HttpsProbeTest, ACertificateForAnotherNameFails) {
  net::TestHttpServer server(
      [](httplib::Server& s) {
        s.Get("/healthz", [](const httplib::Request&, httplib::Response& r) {
          r.set_content("ok", "text/plain");
        });
      },
      dir_ / "cert.pem", dir_ / "key.pem");
  ProbeOutcome o = check(https_target(server.port(), "other.test"), (dir_ / "cert.pem").string());
  EXPECT_FALSE(o.ok);
  EXPECT_NE(o.error.find("other.test"), std::string::npos) << o.error;
}

TEST_F(HttpsProbeTest, VerificationCanBeTurnedOffPerCheck) {
  net::TestHttpServer server(health_routes, dir_ / "cert.pem", dir_ / "key.pem");
  ProbeTarget t = https_target(server.port());
  t.check.tls_verify = false;
  ProbeOutcome o = check(t);
  EXPECT_TRUE(o.ok) << o.error;
}

}  // namespace
}  // namespace flipdns::probe
