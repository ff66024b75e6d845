#include "resolver/server/tcp_server.h"

#include <sys/socket.h>

namespace flipdns::server {

TcpServer::TcpServer(uv_loop_t* loop, WorkerContext& ctx) : loop_(loop), ctx_(ctx) {
  uv_tcp_init(loop, &listener_);  // cannot fail without flags
  listener_.data = this;
}

int TcpServer::start(Fd listener) {
  int rc = uv_tcp_open(&listener_, listener.get());
  if (rc != 0) return rc;
  listener.release();  // closed by libuv with the handle from now on
  return uv_listen(reinterpret_cast<uv_stream_t*>(&listener_), SOMAXCONN, on_connection);
}

void TcpServer::close() {
  if (!uv_is_closing(reinterpret_cast<uv_handle_t*>(&listener_)))
    uv_close(reinterpret_cast<uv_handle_t*>(&listener_), nullptr);
  for (auto& [key, c] : connections_) c->close();
}

void TcpServer::on_connection(uv_stream_t* listener, int status) {
  auto* self = static_cast<TcpServer*>(listener->data);
  if (status < 0) return;  // libuv retries by itself (and survives EMFILE)
  if (self->connections_.size() >= self->ctx_.settings.tcp_max_connections) {
    self->refuse(listener);
    return;
  }
  auto c = std::make_unique<TcpConnection>(*self, self->loop_, self->ctx_);
  TcpConnection* raw = c.get();
  self->connections_.emplace(raw, std::move(c));
  self->ctx_.counters.tcp_accepted.add();
  raw->start(listener);
}

void TcpServer::refuse(uv_stream_t* listener) {
  // libuv stops accepting until the pending connection is taken, so take it and
  // close it at once; the handle is freed in its close callback.
  auto conn = std::make_unique<uv_tcp_t>();
  uv_tcp_init(loop_, conn.get());
  uv_accept(listener, reinterpret_cast<uv_stream_t*>(conn.get()));
  ctx_.counters.tcp_refused.add();
  uv_close(reinterpret_cast<uv_handle_t*>(conn.release()),
           [](uv_handle_t* h) { std::unique_ptr<uv_tcp_t>(reinterpret_cast<uv_tcp_t*>(h)); });
}

void TcpServer::forget(TcpConnection* c) {
  ctx_.counters.tcp_closed.add();
  connections_.erase(c);
}

}  // namespace flipdns::server
