// Serves DNS over one UDP socket on a worker's loop. libuv watches the socket for
// readability only; the datagrams themselves move in batches with recvmmsg and
// sendmmsg, through buffers allocated once, so a query costs no allocation and a
// batch of 32 costs two system calls.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <uv.h>

#include <array>
#include <cstdint>

#include "resolver/server/fd.h"
#include "resolver/server/worker_context.h"

namespace flipdns::server {

class UdpServer {
 public:
  static constexpr std::size_t kBatch = 32;
  // A query larger than this is dropped (the largest real query, with EDNS options
  // and a TSIG record, is far smaller).
  static constexpr std::size_t kMaxQuery = 4096;
  // Answers never exceed our advertised EDNS size (RFC 6891, DNS Flag Day 2020).
  static constexpr std::size_t kMaxResponse = 1232;

  // `fd` comes from open_udp_socket; `reply_with_source` is true for wildcard
  // addresses (the socket then reports each datagram's destination).
  // Throws std::runtime_error if libuv refuses the socket.
  UdpServer(uv_loop_t* loop, Fd fd, bool reply_with_source, WorkerContext& ctx);
  UdpServer(const UdpServer&) = delete;
  UdpServer& operator=(const UdpServer&) = delete;

  // Returns a libuv error code; on failure the server must still be close()d.
  int start();
  // Closes the watcher; the object may be destroyed once the loop has run the close
  // callback (the worker destroys it after its loop has ended).
  void close();

 private:
  static void on_readable(uv_poll_t* handle, int status, int events);
  // Returns false when the socket is drained.
  bool serve_one_batch();
  void send_replies(unsigned count);
  void prepare_receive();

  Fd fd_;
  bool reply_with_source_;
  WorkerContext& ctx_;
  uv_poll_t poll_{};

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
