#include "resolver/server/tcp_connection.h"

#include "resolver/server/tcp_server.h"

namespace flipdns::server {
namespace {

// Once this many answer bytes are gathered they are written before more queries
// are answered; together with one 64 KiB answer this bounds out_.
constexpr std::size_t kWriteThreshold = 16 * 1024;
// Bytes asked of each read; the framer grows past this only for one longer message.
constexpr std::size_t kReadSize = 4096;

uv_handle_t* as_handle(auto* h) {
  return reinterpret_cast<uv_handle_t*>(h);
}
uv_stream_t* as_stream(uv_tcp_t* h) {
  return reinterpret_cast<uv_stream_t*>(h);
}

}  // namespace

TcpConnection::TcpConnection(TcpServer& server, uv_loop_t* loop, WorkerContext& ctx)
    : server_(server), ctx_(ctx) {
  // Neither init can fail on Linux for these arguments; if one did the handle would
  // be unusable, and close() would still run for both.
  uv_tcp_init(loop, &tcp_);
  uv_timer_init(loop, &timer_);
  tcp_.data = this;
  timer_.data = this;
  write_req_.data = this;
}

void TcpConnection::start(uv_stream_t* listener) {
  if (uv_accept(listener, as_stream(&tcp_)) != 0) {
    close();
    return;
  }
  uv_tcp_nodelay(&tcp_, 1);  // each answer is complete: do not hold it back
  touch();
  set_reading(true);
}

void TcpConnection::close() {
  if (closing_) return;
  closing_ = true;
  uv_close(as_handle(&tcp_), on_closed);
  uv_close(as_handle(&timer_), on_closed);
}

void TcpConnection::on_closed(uv_handle_t* h) {
  auto* self = static_cast<TcpConnection*>(h->data);
  if (--self->open_handles_ == 0) self->server_.forget(self);  // destroys self
}

void TcpConnection::touch() {
  uv_timer_start(&timer_, on_idle, static_cast<uint64_t>(ctx_.settings.tcp_idle_timeout.count()),
                 0);
}

void TcpConnection::on_idle(uv_timer_t* t) {
  auto* self = static_cast<TcpConnection*>(t->data);
  self->ctx_.counters.tcp_closed_idle.add();
  self->close();
}

void TcpConnection::set_reading(bool on) {
  if (on == reading_ || closing_) return;
  if (on) {
    if (uv_read_start(as_stream(&tcp_), on_alloc, on_read) != 0) {
      close();
      return;
    }
  } else {
    uv_read_stop(as_stream(&tcp_));
  }
  reading_ = on;
}

void TcpConnection::on_alloc(uv_handle_t* h, std::size_t /*suggested*/, uv_buf_t* buf) {
  auto* self = static_cast<TcpConnection*>(h->data);
  auto room = self->framer_.prepare(kReadSize);
  *buf = uv_buf_init(reinterpret_cast<char*>(room.data()), static_cast<unsigned>(room.size()));
}

void TcpConnection::on_read(uv_stream_t* s, ssize_t nread, const uv_buf_t* /*buf*/) {
  auto* self = static_cast<TcpConnection*>(s->data);
  if (nread > 0) {
    self->framer_.commit(static_cast<std::size_t>(nread));
    self->touch();
  } else if (nread == UV_EOF) {
    // The client may half-close after its last query: answer, then close.
    self->eof_ = true;
    self->set_reading(false);
  } else if (nread < 0) {
    self->close();
    return;
  } else {
    return;  // 0: nothing read this time
  }
  self->serve();
}

void TcpConnection::serve() {
  if (closing_ || writing_) return;
  const zone::ZoneSet* zones = nullptr;  // one snapshot for everything answered now
  while (!broken_ && out_.size() < kWriteThreshold) {
    std::span<const uint8_t> query;
    TcpFramer::Result r = framer_.next(query);
    if (r == TcpFramer::Result::kNeedMore) break;
    if (r == TcpFramer::Result::kBroken) {
      broken_ = true;
      ctx_.counters.tcp_closed_broken.add();
      break;
    }
    if (zones == nullptr) zones = &ctx_.zones.current();
    answer(query, *zones);
  }

  if (!out_.empty()) {
    uv_buf_t buf =
        uv_buf_init(reinterpret_cast<char*>(out_.data()), static_cast<unsigned>(out_.size()));
    if (uv_write(&write_req_, as_stream(&tcp_), &buf, 1, on_written) != 0) {
      close();
      return;
    }
    writing_ = true;
    set_reading(false);
    return;
  }
  if (broken_ || eof_) {
    close();
    return;
  }
  set_reading(true);
}

void TcpConnection::answer(std::span<const uint8_t> query, const zone::ZoneSet& zones) {
  auto& scratch = ctx_.tcp_scratch;
  query::Outcome o = ctx_.settings.handler(zones, ctx_.settings.identity, query::Transport::kTcp,
                                           query, {scratch.data(), scratch.size()});
  ctx_.counters.record(query::Transport::kTcp, o, {scratch.data(), o.size});
  if (o.size == 0) {
    // A message that earns no answer (a response, no readable question) means the
    // stream cannot be trusted: send what is due, then close, as NSD and Knot do.
    broken_ = true;
    return;
  }
  out_.push_back(static_cast<uint8_t>(o.size >> 8));
  out_.push_back(static_cast<uint8_t>(o.size & 0xff));
  out_.insert(out_.end(), scratch.begin(), scratch.begin() + static_cast<long>(o.size));
}

void TcpConnection::on_written(uv_write_t* req, int status) {
  auto* self = static_cast<TcpConnection*>(req->data);
  self->writing_ = false;
  if (status < 0) {  // includes UV_ECANCELED when close() ran during the write
    self->close();
    return;
  }
  self->out_.clear();  // keeps its capacity: no allocation for the next answers
  self->touch();
  self->serve();
}

}  // namespace flipdns::server
