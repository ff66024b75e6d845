#include "resolver/server/udp_server.h"

#include <fcntl.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace flipdns::server {
namespace {

[[noreturn]] void fail(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

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

UdpServer::UdpServer(Fd fd, bool reply_with_source, const ServeSettings& settings,
                     const Snapshot<zone::ZoneSet>& zones)
    : fd_(std::move(fd)),
      reply_with_source_(reply_with_source),
      settings_(settings),
      zones_(zones) {
  for (std::size_t i = 0; i < kBatch; ++i) {
    Slot& s = slots_[i];
    s.in_iov = {s.in, sizeof s.in};
    s.out_iov = {s.out, 0};
  }
  // The thread sleeps in recvmmsg; the timeout wakes it now and then when idle.
  int flags = fcntl(fd_.get(), F_GETFL);
  if (flags < 0 || fcntl(fd_.get(), F_SETFL, flags & ~O_NONBLOCK) != 0) fail("udp socket: fcntl");
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(kIdleWake).count();
  timeval idle{static_cast<time_t>(us / 1'000'000), static_cast<suseconds_t>(us % 1'000'000)};
  if (setsockopt(fd_.get(), SOL_SOCKET, SO_RCVTIMEO, &idle, sizeof idle) != 0)
    fail("udp socket: SO_RCVTIMEO");
}

UdpServer::~UdpServer() {
  stop();
  join();
}

void UdpServer::start() {
  thread_ = std::thread([this] { run(); });
}

void UdpServer::stop() {
  if (stop_requested_.exchange(true, std::memory_order_acq_rel)) return;
  // Wakes a thread blocked in recvmmsg at once. Linux does this for an unconnected
  // UDP socket too, while it reports ENOTCONN; the idle timeout is the fallback.
  ::shutdown(fd_.get(), SHUT_RD);
}

void UdpServer::join() {
  if (thread_.joinable()) thread_.join();
}

void UdpServer::run() {
  while (serve_one_batch()) {
  }
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
  // Blocks for the first datagram only, then takes whatever else is queued.
  int n = recvmmsg(fd_.get(), recv_msgs_.data(), kBatch, MSG_WAITFORONE, nullptr);
  if (stop_requested_.load(std::memory_order_acquire)) return false;
  if (n < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK)
      zones_.current();  // idle: drop a replaced zone set
    else if (errno != EINTR)
      counters_.udp_recv_errors.add();  // e.g. a queued ICMP error; reading clears it
    return true;
  }

  // One snapshot for the whole batch: a reload never splits a query.
  const zone::ZoneSet& zones = zones_.current();
  unsigned replies = 0;
  for (int i = 0; i < n; ++i) {
    Slot& s = slots_[i];
    const msghdr& in = recv_msgs_[i].msg_hdr;
    if (in.msg_flags & MSG_TRUNC) {
      counters_.udp_oversized.add();
      continue;
    }
    query::Outcome o = settings_.handler(zones, settings_.identity, query::Transport::kUdp,
                                         {s.in, recv_msgs_[i].msg_len}, {s.out, sizeof s.out});
    counters_.record(query::Transport::kUdp, o, {s.out, o.size});
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
  return true;
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
      // query behind this batch: drop the rest of the batch and count it.
      counters_.udp_send_dropped.add(count - sent);
      return;
    } else {
      // sendmmsg reports an error only for the first message it could not send
      // (an unreachable peer, say): skip that one and carry on with the rest.
      counters_.udp_send_errors.add();
      ++sent;
    }
  }
}

}  // namespace flipdns::server
