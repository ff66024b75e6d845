#include "controller/probe/tcp_probe.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>

#include "controller/net/test_support.h"

namespace flipdns::probe {
namespace {

// A listening socket on 127.0.0.1 (connections complete in the kernel's
// backlog without accept), or a port just released (refused).
struct Listener {
  explicit Listener(bool listening) {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
    if (listening) {
      listen(fd, 16);
    } else {
      close(fd);
      fd = -1;
    }
  }
  ~Listener() {
    if (fd >= 0) close(fd);
  }
  int fd = -1;
  int port = 0;
};

ProbeTarget tcp_target(const std::string& address, int port) {
  ProbeTarget t;
  t.group = "mail.example.com.";
  t.address = address;
  t.check.kind = CheckKind::kTcp;
  t.check.port = static_cast<uint16_t>(port);
  t.check.timeout = Duration(2000);
  return t;
}

class TcpProbeTest : public ::testing::Test {
 protected:
  ProbeOutcome check(const ProbeTarget& t) {
    std::optional<ProbeOutcome> got;
    {
      TcpProbe probe(loop_.get(), clock_, t);
      probe.run([&](ProbeOutcome o) { got = std::move(o); });
      EXPECT_TRUE(net::run_loop_until(loop_.get(), [&] { return got.has_value(); }));
    }
    EXPECT_EQ(loop_.close(), 0);
    return got.value_or(ProbeOutcome{.ok = false, .latency = Duration(0), .error = "no answer"});
  }

  net::TestLoop loop_;
  engine::SystemClock clock_;
};

TEST_F(TcpProbeTest, AListeningPortPasses) {
  Listener l(true);
  ProbeOutcome o = check(tcp_target("127.0.0.1", l.port));
  EXPECT_TRUE(o.ok) << o.error;
}

TEST_F(TcpProbeTest, AClosedPortFailsAsRefused) {
  Listener l(false);
  ProbeOutcome o = check(tcp_target("127.0.0.1", l.port));
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.error, "connection refused");
}

TEST_F(TcpProbeTest, ChecksCanRepeatOnOneSession) {
  Listener l(true);
  int passed = 0;
  {
    TcpProbe probe(loop_.get(), clock_, tcp_target("127.0.0.1", l.port));
    std::function<void(ProbeOutcome)> again = [&](ProbeOutcome o) {
      if (o.ok && ++passed < 3) probe.run(again);
    };
    probe.run(again);
    ASSERT_TRUE(net::run_loop_until(loop_.get(), [&] { return passed == 3; }));
  }
  EXPECT_EQ(loop_.close(), 0);
}

TEST_F(TcpProbeTest, DestroyingTheSessionMidConnectIsSafe) {
  Listener l(true);
  bool answered = false;
  {
    TcpProbe probe(loop_.get(), clock_, tcp_target("127.0.0.1", l.port));
    probe.run([&](ProbeOutcome) { answered = true; });
  }
  EXPECT_EQ(loop_.close(), 0);
  EXPECT_FALSE(answered);
}

TEST_F(TcpProbeTest, ANonNumericAddressIsRefusedAtConstruction) {
  EXPECT_THROW(TcpProbe(loop_.get(), clock_, tcp_target("mail.example.com", 25)),
               std::invalid_argument);
}

}  // namespace
}  // namespace flipdns::probe
