#include "resolver/server/udp_server.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace flipdns::server {
namespace {

// A wakeup serves at most this many batches, then lets the loop run other handles
// (the TCP listener, timers); the poll is level-triggered and fires again at once.
constexpr int kBatchesPerWakeup = 8;

// Turns the destination the kernel reported for a query into the control message
// that makes the reply leave from that same address. Returns the control length,
// 0 if the query carried none.
std::size_t reply_source_control(const msghdr& received, uint8_t* out, std::size_t cap) {
  for (cmsghdr* c = CMSG_FIRSTHDR(&received); c != nullptr;
       c = CMSG_NXTHDR(const_cast<msghdr*>(&received), c)) {
    if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
      in_pktinfo info;
      std::memcpy(&info, CMSG_DATA(c), sizeof info);
      in_pktinfo reply{};
      reply.ipi_spec_dst = info.ipi_addr;  // source address of the reply
      std::memset(out, 0, cap);
      auto* h = reinterpret_cast<cmsghdr*>(out);
      h->cmsg_level = IPPROTO_IP;
      h->cmsg_type = IP_PKTINFO;
      h->cmsg_len = CMSG_LEN(sizeof reply);
      std::memcpy(CMSG_DATA(h), &reply, sizeof reply);
      return CMSG_SPACE(sizeof reply);
    }
    if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
      in6_pktinfo info;  // address and interface both: link-local needs the interface
      std::memcpy(&info, CMSG_DATA(c), sizeof info);
      std::memset(out, 0, cap);
      auto* h = reinterpret_cast<cmsghdr*>(out);
      h->cmsg_level = IPPROTO_IPV6;
      h->cmsg_type = IPV6_PKTINFO;
      h->cmsg_len = CMSG_LEN(sizeof info);
      std::memcpy(CMSG_DATA(h), &info, sizeof info);
      return CMSG_SPACE(sizeof info);
    }
  }
  return 0;
}

}  // namespace

UdpServer::UdpServer(uv_loop_t* loop, Fd fd, bool reply_with_source, WorkerContext& ctx)
    : fd_(std::move(fd)), reply_with_source_(reply_with_source), ctx_(ctx) {
  for (std::size_t i = 0; i < kBatch; ++i) {
    Slot& s = slots_[i];
    s.in_iov = {s.in, sizeof s.in};
    s.out_iov = {s.out, 0};
  }
  // A failed init leaves the handle unknown to the loop, so throwing is safe here;
  // past this point the handle must be closed, never just dropped.
  int rc = uv_poll_init(loop, &poll_, fd_.get());
  if (rc != 0) throw std::runtime_error(std::string("udp poll: ") + uv_strerror(rc));
  poll_.data = this;
}

int UdpServer::start() {
  return uv_poll_start(&poll_, UV_READABLE, on_readable);
}

void UdpServer::close() {
  if (!uv_is_closing(reinterpret_cast<uv_handle_t*>(&poll_)))
    uv_close(reinterpret_cast<uv_handle_t*>(&poll_), nullptr);
}

void UdpServer::on_readable(uv_poll_t* handle, int status, int /*events*/) {
  auto* self = static_cast<UdpServer*>(handle->data);
  if (status < 0) {
    // A poll error on a UDP socket is transient (e.g. a queued ICMP error); reading
    // clears it, so fall through to the read loop rather than stop serving.
    self->ctx_.counters.udp_recv_errors.add();
  }
  for (int i = 0; i < kBatchesPerWakeup; ++i)
    if (!self->serve_one_batch()) break;
}

void UdpServer::prepare_receive() {
  for (std::size_t i = 0; i < kBatch; ++i) {
    Slot& s = slots_[i];
    msghdr& h = recv_msgs_[i].msg_hdr;
    h = {};
    h.msg_name = &s.peer;
    h.msg_namelen = sizeof s.peer;
    h.msg_iov = &s.in_iov;
    h.msg_iovlen = 1;
    if (reply_with_source_) {
      h.msg_control = s.recv_control;
      h.msg_controllen = sizeof s.recv_control;
    }
    recv_msgs_[i].msg_len = 0;
  }
}

bool UdpServer::serve_one_batch() {
  prepare_receive();
  int n;
  do {
    n = recvmmsg(fd_.get(), recv_msgs_.data(), kBatch, MSG_DONTWAIT, nullptr);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    if (errno != EAGAIN && errno != EWOULDBLOCK) ctx_.counters.udp_recv_errors.add();
    return false;
  }

  // One snapshot for the whole batch: a reload never splits a query.
  const zone::ZoneSet& zones = ctx_.zones.current();
  unsigned replies = 0;
  for (int i = 0; i < n; ++i) {
    Slot& s = slots_[i];
    const msghdr& in = recv_msgs_[i].msg_hdr;
    if (in.msg_flags & MSG_TRUNC) {
      ctx_.counters.udp_oversized.add();
      continue;
    }
    query::Outcome o = ctx_.settings.handler(zones, ctx_.settings.identity, query::Transport::kUdp,
                                             {s.in, recv_msgs_[i].msg_len}, {s.out, sizeof s.out});
    ctx_.counters.record(query::Transport::kUdp, o, {s.out, o.size});
    if (o.size == 0) continue;

    s.out_iov.iov_len = o.size;
    msghdr& out = send_msgs_[replies].msg_hdr;
    out = {};
    out.msg_name = &s.peer;
    out.msg_namelen = in.msg_namelen;
    out.msg_iov = &s.out_iov;
    out.msg_iovlen = 1;
    if (reply_with_source_) {
      std::size_t len = reply_source_control(in, s.send_control, sizeof s.send_control);
      if (len > 0) {
        out.msg_control = s.send_control;
        out.msg_controllen = len;
      }
    }
    ++replies;
  }
  send_replies(replies);
  return static_cast<std::size_t>(n) == kBatch;
}

void UdpServer::send_replies(unsigned count) {
  unsigned sent = 0;
  while (sent < count) {
    int r = sendmmsg(fd_.get(), send_msgs_.data() + sent, count - sent, MSG_DONTWAIT);
    if (r > 0) {
      sent += static_cast<unsigned>(r);
    } else if (r < 0 && errno == EINTR) {
      continue;
    } else if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)) {
      // The send buffer is full. UDP may drop, and waiting would stall every other
      // query on this worker: drop the rest of the batch and count it.
      ctx_.counters.udp_send_dropped.add(count - sent);
      return;
    } else {
      // sendmmsg reports an error only for the first message it could not send
      // (an unreachable peer, say): skip that one and carry on with the rest.
      ctx_.counters.udp_send_errors.add();
      ++sent;
    }
  }
}

}  // namespace flipdns::server
