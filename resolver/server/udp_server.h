// Serves DNS over one UDP socket from a thread of its own that blocks in recvmmsg.
// Datagrams move in batches with recvmmsg and sendmmsg, through buffers allocated
// once, so a query costs no allocation and a batch costs two system calls.
//
// Why a blocking thread rather than a poller on the worker's libuv loop: with a
// poller every batch costs an extra epoll_wait, and the poller's entry on the
// socket's wait queue is called back for every datagram sent and received. On
// loopback under dnsperf that was 7% of the server's CPU per query (tests/bench).
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

#include "resolver/server/counters.h"
#include "resolver/server/fd.h"
#include "resolver/server/snapshot.h"
#include "resolver/server/worker_context.h"
#include "resolver/zone/zone_set.h"

namespace flipdns::server {

class UdpServer {
 public:
  static constexpr std::size_t kBatch = 32;
  // A query larger than this is dropped (the largest real query, with EDNS options
  // and a TSIG record, is far smaller).
  static constexpr std::size_t kMaxQuery = 4096;
  // Answers never exceed our advertised EDNS size (RFC 6891, DNS Flag Day 2020).
  static constexpr std::size_t kMaxResponse = 1232;
  // When no query comes for this long the thread wakes anyway, to let go of a zone
  // set replaced meanwhile (and so bound how long a reload's old copy stays alive).
  static constexpr std::chrono::milliseconds kIdleWake{500};

  // `fd` comes from open_udp_socket; `reply_with_source` is true for wildcard
  // addresses (the socket then reports each datagram's destination).
  // Throws std::system_error if the socket cannot be made blocking.
  UdpServer(Fd fd, bool reply_with_source, const ServeSettings& settings,
            const Snapshot<zone::ZoneSet>& zones);
  ~UdpServer();  // stops and joins if still running
  UdpServer(const UdpServer&) = delete;
  UdpServer& operator=(const UdpServer&) = delete;

  // Starts the thread; throws std::system_error if it cannot.
  void start();
  // From any thread; returns at once and is idempotent. The thread ends after the
  // batch it is serving.
  void stop();
  void join();

  // Written by the serving thread only; read at any time.
  const WorkerCounters& counters() const { return counters_; }

 private:
  void run();
  // Returns false once stop() was called.
  bool serve_one_batch();
  void send_replies(unsigned count);
  void prepare_receive();

  Fd fd_;
  bool reply_with_source_;
  const ServeSettings& settings_;
  SnapshotReader<zone::ZoneSet> zones_;  // the serving thread's
  WorkerCounters counters_;
  std::atomic<bool> stop_requested_{false};
  std::thread thread_;

  // Room for the destination address of a datagram (the larger of the two families).
  static constexpr std::size_t kControlSize = CMSG_SPACE(sizeof(in6_pktinfo));
  struct Slot {
    sockaddr_storage peer;
    alignas(cmsghdr) uint8_t recv_control[kControlSize];
    alignas(cmsghdr) uint8_t send_control[kControlSize];
    iovec in_iov, out_iov;
    uint8_t in[kMaxQuery];
    uint8_t out[kMaxResponse];
  };
  std::array<Slot, kBatch> slots_;
  std::array<mmsghdr, kBatch> recv_msgs_;
  std::array<mmsghdr, kBatch> send_msgs_;
};

}  // namespace flipdns::server
