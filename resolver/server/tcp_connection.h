// One DNS-over-TCP client (RFC 7766): length-framed queries, answered in the order
// they came, several per connection, closed when idle.
//
// Flow control is one write at a time: answers to every complete query at hand are
// gathered into one buffer and written; until that write completes the connection
// stops reading, so a client that pipelines faster than it reads cannot make the
// server buffer without bound.
#pragma once

#include <uv.h>

#include <cstdint>
#include <vector>

#include "resolver/server/tcp_framer.h"
#include "resolver/server/worker_context.h"

namespace flipdns::server {

class TcpServer;

class TcpConnection {
 public:
  TcpConnection(TcpServer& server, uv_loop_t* loop, WorkerContext& ctx);
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  // Accepts the pending connection of `listener` and starts serving it. On failure
  // the connection closes itself (and the server then forgets it).
  void start(uv_stream_t* listener);
  // Idempotent. The server is told once both handles have closed.
  void close();

 private:
  static void on_alloc(uv_handle_t* h, std::size_t suggested, uv_buf_t* buf);
  static void on_read(uv_stream_t* s, ssize_t nread, const uv_buf_t* buf);
  static void on_written(uv_write_t* req, int status);
  static void on_idle(uv_timer_t* t);
  static void on_closed(uv_handle_t* h);

  // Answers what can be answered, then writes, reads on, or closes.
  void serve();
  void answer(std::span<const uint8_t> query, const zone::ZoneSet& zones);
  void touch();  // restarts the idle timer
  void set_reading(bool on);

  TcpServer& server_;
  WorkerContext& ctx_;
  uv_tcp_t tcp_{};
  uv_timer_t timer_{};
  uv_write_t write_req_{};
  TcpFramer framer_;
  std::vector<uint8_t> out_;  // framed answers; must live until on_written
  bool writing_ = false;
  bool reading_ = false;
  bool eof_ = false;     // the client will send no more
  bool broken_ = false;  // a zero-length frame: answer what came before, then close
  bool closing_ = false;
  int open_handles_ = 2;
};

}  // namespace flipdns::server
