// A worker's TCP listener on one address: accepts connections up to the cap and
// owns them until they close.
#pragma once

#include <uv.h>

#include <memory>
#include <unordered_map>

#include "resolver/server/fd.h"
#include "resolver/server/tcp_connection.h"
#include "resolver/server/worker_context.h"

namespace flipdns::server {

class TcpServer {
 public:
  TcpServer(uv_loop_t* loop, WorkerContext& ctx);
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  // Starts accepting on `listener` (from open_tcp_listener), which libuv then owns.
  // Returns a libuv error code; on failure the server must still be close()d.
  int start(Fd listener);
  // Stops accepting and closes every connection. The object may be destroyed once
  // the loop has run all close callbacks.
  void close();
  std::size_t connection_count() const { return connections_.size(); }

 private:
  friend class TcpConnection;
  static void on_connection(uv_stream_t* listener, int status);
  void refuse(uv_stream_t* listener);
  void forget(TcpConnection* c);  // from the connection's last close callback

  uv_loop_t* loop_;
  WorkerContext& ctx_;
  uv_tcp_t listener_{};
  std::unordered_map<const TcpConnection*, std::unique_ptr<TcpConnection>> connections_;
};

}  // namespace flipdns::server
