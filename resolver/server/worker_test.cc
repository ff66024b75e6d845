// The worker's sockets on loopback, with a stand-in DNS handler: these tests are
// about datagrams, framing, pipelining, timeouts and limits, not DNS answers.
#include "resolver/server/worker.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <cstring>
#include <sstream>
#include <thread>

#include "resolver/server/listen_socket.h"

namespace flipdns::server {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using Bytes = std::vector<uint8_t>;

// Query layout the stand-in understands: a 12-octet header, then one octet
// saying how long the answer's payload should be, in KiB (0 = a small answer).
// The answer is the header with QR set, the address of the zone set that
// answered (to see snapshot swaps), then the payload. QR=1 queries get silence.
query::Outcome stand_in(const zone::ZoneSet& zones, const query::Identity&, query::Transport,
                        std::span<const uint8_t> in, std::span<uint8_t> out) noexcept {
  if (in.size() < 13 || (in[2] & 0x80)) return {};
  std::size_t payload = std::size_t{in[12]} * 1024;
  std::size_t n = 12 + sizeof(void*) + payload;
  if (n > out.size()) return {};
  std::memcpy(out.data(), in.data(), 12);
  out[2] |= 0x80;
  const zone::ZoneSet* who = &zones;
  std::memcpy(out.data() + 12, &who, sizeof who);
  std::memset(out.data() + 12 + sizeof who, 'p', payload);
  return {n, 1, 0};
}

Bytes make_query(uint16_t id, uint8_t payload_kib = 0, bool qr = false) {
  Bytes q(13, 0);
  q[0] = static_cast<uint8_t>(id >> 8);
  q[1] = static_cast<uint8_t>(id);
  if (qr) q[2] = 0x80;
  q[12] = payload_kib;
  return q;
}

Bytes framed(const Bytes& msg) {
  Bytes out(2 + msg.size());
  out[0] = static_cast<uint8_t>(msg.size() >> 8);
  out[1] = static_cast<uint8_t>(msg.size());
  std::copy(msg.begin(), msg.end(), out.begin() + 2);
  return out;
}

uint16_t id_of(const Bytes& msg) {
  return static_cast<uint16_t>((msg[0] << 8) | msg[1]);
}

const zone::ZoneSet* zone_set_of(const Bytes& msg) {
  const zone::ZoneSet* who;
  std::memcpy(&who, msg.data() + 12, sizeof who);
  return who;
}

// Waits for `fd` to be readable, up to a deadline. Never sleeps blindly.
bool wait_readable(int fd, std::chrono::milliseconds timeout) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, static_cast<int>(timeout.count())) == 1;
}

// Polls `done` until it holds or the deadline passes.
template <typename F>
bool eventually(F done, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

class Client {
 public:
  Client(int type, const Endpoint& server) : fd_(socket(server.family(), type, 0)) {
    if (connect(fd_.get(), reinterpret_cast<const sockaddr*>(&server.addr), server.len) != 0)
      throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
  }
  void send_bytes(const Bytes& b) {
    ASSERT_EQ(::send(fd_.get(), b.data(), b.size(), MSG_NOSIGNAL), static_cast<ssize_t>(b.size()));
  }
  // One datagram, or nullopt if none came in time.
  std::optional<Bytes> receive_datagram(std::chrono::milliseconds timeout = 5s) {
    if (!wait_readable(fd_.get(), timeout)) return std::nullopt;
    Bytes b(65536);
    ssize_t n = recv(fd_.get(), b.data(), b.size(), 0);
    if (n < 0) return std::nullopt;
    b.resize(static_cast<std::size_t>(n));
    return b;
  }
  // One length-framed TCP message, or nullopt at EOF, error or timeout.
  std::optional<Bytes> receive_message(std::chrono::milliseconds timeout = 5s) {
    Bytes len;
    if (!read_exactly(2, len, timeout)) return std::nullopt;
    Bytes msg;
    if (!read_exactly((std::size_t{len[0]} << 8) | len[1], msg, timeout)) return std::nullopt;
    return msg;
  }
  // True once the server has closed the connection (EOF or reset) within the timeout.
  bool closed_by_server(std::chrono::milliseconds timeout = 5s) {
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (!wait_readable(fd_.get(), left)) return false;
      char c;
      ssize_t n = recv(fd_.get(), &c, 1, 0);
      if (n == 0 || (n < 0 && errno == ECONNRESET)) return true;
    }
    return false;
  }
  void shutdown_write() { ::shutdown(fd_.get(), SHUT_WR); }

 private:
  bool read_exactly(std::size_t n, Bytes& out, std::chrono::milliseconds timeout) {
    out.resize(n);
    std::size_t got = 0;
    auto deadline = Clock::now() + timeout;
    while (got < n) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left <= 0ms || !wait_readable(fd_.get(), left)) return false;
      ssize_t r = recv(fd_.get(), out.data() + got, n - got, 0);
      if (r <= 0) return false;
      got += static_cast<std::size_t>(r);
    }
    return true;
  }
  Fd fd_;
};

class WorkerTest : public testing::Test {
 protected:
  void SetUp() override {
    first_ = std::make_shared<const zone::ZoneSet>(std::vector<zone::ServedZone>{});
    second_ = std::make_shared<const zone::ZoneSet>(std::vector<zone::ServedZone>{});
    snapshot_ = std::make_unique<Snapshot<zone::ZoneSet>>(first_);
    settings_.handler = stand_in;
    settings_.tcp_idle_timeout = 10s;
  }
  void TearDown() override {
    for (auto& w : workers_) {
      w->stop();
      w->join();
    }
  }

  // Starts `count` workers sharing one UDP+TCP port on 127.0.0.1.
  void start_workers(int count) {
    std::vector<std::vector<Worker::Sockets>> sockets(count);
    // The kernel picks the UDP port; TCP then needs the same one, which another
    // process may hold, so try a few.
    for (int attempt = 0; attempt < 20 && sockets[0].empty(); ++attempt) {
      Fd udp = open_udp_socket(*parse_endpoint("127.0.0.1:0"));
      Endpoint at = local_endpoint(udp.get());
      try {
        Fd tcp = open_tcp_listener(at, 64);
        sockets[0].push_back({std::move(udp), std::move(tcp), false});
        server_ = at;
      } catch (const SocketError&) {
      }
    }
    ASSERT_FALSE(sockets[0].empty()) << "no free port on loopback";
    for (int i = 1; i < count; ++i)
      sockets[i].push_back({open_udp_socket(server_), open_tcp_listener(server_, 64), false});
    for (int i = 0; i < count; ++i) {
      workers_.push_back(
          std::make_unique<Worker>(i, settings_, *snapshot_, std::move(sockets[i]), log_));
      workers_.back()->start();
    }
  }

  // Counters are read after the workers stop, when every write has happened.
  uint64_t stop_and_sum(const Counter WorkerCounters::*counter) {
    uint64_t sum = 0;
    for (auto& w : workers_) {
      w->stop();
      w->join();
      for (const WorkerCounters* c : w->counters()) sum += (c->*counter).get();
    }
    workers_.clear();
    return sum;
  }

  std::ostringstream log_out_;
  Logger log_{log_out_, LogLevel::kDebug};
  std::shared_ptr<const zone::ZoneSet> first_, second_;
  std::unique_ptr<Snapshot<zone::ZoneSet>> snapshot_;
  ServeSettings settings_;
  Endpoint server_;
  std::vector<std::unique_ptr<Worker>> workers_;
};

TEST_F(WorkerTest, UdpAnswersEveryQueryAcrossWorkers) {
  start_workers(2);
  constexpr int kClients = 8, kQueries = 20;
  for (int c = 0; c < kClients; ++c) {
    Client client(SOCK_DGRAM, server_);
    for (int i = 0; i < kQueries; ++i) {
      uint16_t id = static_cast<uint16_t>(c * 100 + i);
      client.send_bytes(make_query(id));
      auto answer = client.receive_datagram();
      ASSERT_TRUE(answer) << "no answer to " << id;
      EXPECT_EQ(id_of(*answer), id);
      EXPECT_TRUE((*answer)[2] & 0x80);
    }
  }
  EXPECT_EQ(stop_and_sum(&WorkerCounters::udp_queries), uint64_t{kClients * kQueries});
}

TEST_F(WorkerTest, UdpBurstIsAnsweredInBatches) {
  start_workers(1);
  Client client(SOCK_DGRAM, server_);
  constexpr int kBurst = 100;  // more than one recvmmsg batch
  for (int i = 0; i < kBurst; ++i) client.send_bytes(make_query(static_cast<uint16_t>(i)));
  std::set<uint16_t> ids;
  for (int i = 0; i < kBurst; ++i) {
    auto answer = client.receive_datagram();
    ASSERT_TRUE(answer) << "answers stopped after " << i;
    ids.insert(id_of(*answer));
  }
  EXPECT_EQ(ids.size(), std::size_t{kBurst});
}

TEST_F(WorkerTest, UdpSilenceWhenTheHandlerSendsNothing) {
  start_workers(1);
  Client client(SOCK_DGRAM, server_);
  client.send_bytes(make_query(1, 0, /*qr=*/true));
  client.send_bytes(make_query(2));
  auto answer = client.receive_datagram();
  ASSERT_TRUE(answer);
  EXPECT_EQ(id_of(*answer), 2);  // the first got no reply
  EXPECT_EQ(stop_and_sum(&WorkerCounters::no_response), 1u);
}

TEST_F(WorkerTest, UdpSurvivesGarbageAndEmptyDatagrams) {
  start_workers(1);
  Client client(SOCK_DGRAM, server_);
  client.send_bytes({});
  client.send_bytes({0xff});
  client.send_bytes(Bytes(3000, 0xab));
  client.send_bytes(make_query(9));
  auto answer = client.receive_datagram();
  ASSERT_TRUE(answer);
  EXPECT_EQ(id_of(*answer), 9);
}

TEST_F(WorkerTest, NewSnapshotAnswersAfterPublish) {
  start_workers(1);
  Client client(SOCK_DGRAM, server_);
  client.send_bytes(make_query(1));
  auto before = client.receive_datagram();
  ASSERT_TRUE(before);
  EXPECT_EQ(zone_set_of(*before), first_.get());

  std::weak_ptr<const zone::ZoneSet> old = first_;
  snapshot_->publish(second_);
  first_.reset();
  workers_[0]->zones_changed();
  client.send_bytes(make_query(2));
  auto after = client.receive_datagram();
  ASSERT_TRUE(after);
  EXPECT_EQ(zone_set_of(*after), second_.get());
  // The UDP thread let go at its batch, the TCP loop on its wakeup.
  EXPECT_TRUE(eventually([&] { return old.expired(); }, 2s));
}

TEST_F(WorkerTest, IdleUdpThreadLetsGoOfAReplacedSnapshot) {
  start_workers(1);
  std::weak_ptr<const zone::ZoneSet> old = first_;
  snapshot_->publish(second_);
  first_.reset();
  workers_[0]->zones_changed();
  // No query arrives: the idle wake-up alone must drop the old set.
  EXPECT_TRUE(eventually([&] { return old.expired(); }, UdpServer::kIdleWake * 4));
}

TEST_F(WorkerTest, StopWakesABlockedUdpThreadAtOnce) {
  start_workers(1);
  auto started = Clock::now();
  workers_[0]->stop();
  workers_[0]->join();
  // Well under the idle wake-up: shutdown() woke the thread, not its timeout.
  EXPECT_LT(Clock::now() - started, UdpServer::kIdleWake / 2);
  workers_.clear();
}

TEST_F(WorkerTest, TcpAnswersPipelinedQueriesInOrder) {
  start_workers(1);
  Client client(SOCK_STREAM, server_);
  Bytes burst;
  for (uint16_t id = 1; id <= 50; ++id) {
    auto f = framed(make_query(id));
    burst.insert(burst.end(), f.begin(), f.end());
  }
  client.send_bytes(burst);
  for (uint16_t id = 1; id <= 50; ++id) {
    auto answer = client.receive_message();
    ASSERT_TRUE(answer) << "no answer " << id;
    EXPECT_EQ(id_of(*answer), id);
  }
}

TEST_F(WorkerTest, TcpReassemblesFramesSplitAcrossWrites) {
  start_workers(1);
  Client client(SOCK_STREAM, server_);
  Bytes f = framed(make_query(77));
  client.send_bytes({f[0]});  // half the length
  client.send_bytes({f.begin() + 1, f.begin() + 6});
  client.send_bytes({f.begin() + 6, f.end()});
  auto answer = client.receive_message();
  ASSERT_TRUE(answer);
  EXPECT_EQ(id_of(*answer), 77);
}

TEST_F(WorkerTest, TcpLargeAnswersArriveWholeAndInOrder) {
  start_workers(1);
  Client client(SOCK_STREAM, server_);
  Bytes burst;
  for (uint16_t id = 1; id <= 20; ++id) {
    auto f = framed(make_query(id, /*payload_kib=*/60));  // ~1.2 MB of answers in all
    burst.insert(burst.end(), f.begin(), f.end());
  }
  client.send_bytes(burst);
  for (uint16_t id = 1; id <= 20; ++id) {
    auto answer = client.receive_message();
    ASSERT_TRUE(answer) << "no answer " << id;
    EXPECT_EQ(id_of(*answer), id);
    EXPECT_EQ(answer->size(), 12 + sizeof(void*) + 60 * 1024);
  }
}

TEST_F(WorkerTest, TcpZeroLengthFrameClosesAfterEarlierAnswers) {
  start_workers(1);
  Client client(SOCK_STREAM, server_);
  Bytes bytes = framed(make_query(5));
  bytes.push_back(0);
  bytes.push_back(0);
  bytes.insert(bytes.end(), bytes.begin(), bytes.begin() + 15);  // never answered
  client.send_bytes(bytes);
  auto answer = client.receive_message();
  ASSERT_TRUE(answer);
  EXPECT_EQ(id_of(*answer), 5);
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_EQ(stop_and_sum(&WorkerCounters::tcp_closed_broken), 1u);
}

TEST_F(WorkerTest, TcpHalfCloseStillGetsItsAnswers) {
  start_workers(1);
  Client client(SOCK_STREAM, server_);
  Bytes burst;
  for (uint16_t id = 1; id <= 3; ++id) {
    auto f = framed(make_query(id));
    burst.insert(burst.end(), f.begin(), f.end());
  }
  client.send_bytes(burst);
  client.shutdown_write();
  for (uint16_t id = 1; id <= 3; ++id) {
    auto answer = client.receive_message();
    ASSERT_TRUE(answer);
    EXPECT_EQ(id_of(*answer), id);
  }
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(WorkerTest, TcpIdleConnectionIsClosed) {
  settings_.tcp_idle_timeout = 200ms;
  start_workers(1);
  Client client(SOCK_STREAM, server_);
  client.send_bytes(framed(make_query(1)));
  ASSERT_TRUE(client.receive_message());
  auto since = Clock::now();
  EXPECT_TRUE(client.closed_by_server(5s));
  EXPECT_GE(Clock::now() - since, 150ms);  // not before the timeout (timers are ms-coarse)
  EXPECT_EQ(stop_and_sum(&WorkerCounters::tcp_closed_idle), 1u);
}

TEST_F(WorkerTest, TcpConnectionsOverTheCapAreClosed) {
  settings_.tcp_max_connections = 2;
  start_workers(1);
  Client a(SOCK_STREAM, server_), b(SOCK_STREAM, server_);
  for (Client* c : {&a, &b}) {
    c->send_bytes(framed(make_query(1)));
    ASSERT_TRUE(c->receive_message());
  }
  Client over(SOCK_STREAM, server_);
  EXPECT_TRUE(over.closed_by_server());
  // The two inside the cap still work.
  a.send_bytes(framed(make_query(2)));
  auto answer = a.receive_message();
  ASSERT_TRUE(answer);
  EXPECT_EQ(id_of(*answer), 2);
  EXPECT_EQ(stop_and_sum(&WorkerCounters::tcp_refused), 1u);
}

TEST_F(WorkerTest, StopClosesOpenConnections) {
  start_workers(1);
  Client client(SOCK_STREAM, server_);
  client.send_bytes(framed(make_query(1)));
  ASSERT_TRUE(client.receive_message());
  workers_[0]->stop();
  workers_[0]->join();
  EXPECT_TRUE(client.closed_by_server());
}

TEST(Worker, UnstartedWorkerClosesCleanly) {
  std::ostringstream out;
  Logger log(out);
  Snapshot<zone::ZoneSet> snap(
      std::make_shared<const zone::ZoneSet>(std::vector<zone::ServedZone>{}));
  ServeSettings settings;
  settings.handler = stand_in;
  std::vector<Worker::Sockets> sockets;
  Fd udp = open_udp_socket(*parse_endpoint("127.0.0.1:0"));
  sockets.push_back({std::move(udp), open_tcp_listener(*parse_endpoint("127.0.0.1:0"), 8), false});
  { Worker w(0, settings, snap, std::move(sockets), log); }
  EXPECT_EQ(out.str(), "");  // no complaint about a busy loop
}

}  // namespace
}  // namespace flipdns::server
