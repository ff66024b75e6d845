// What one worker has done, for /metrics. Each counter has one writer (its worker
// thread); others may read it at any time. So counters are relaxed atomics bumped
// with a plain load and store: no locked instruction on the hot path, and a reader
// sees a value at most a few queries old.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <span>

#include "resolver/query/handler.h"

namespace flipdns::server {

class Counter {
 public:
  void add(uint64_t n = 1) {
    v_.store(v_.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  }
  uint64_t get() const { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> v_{0};
};

struct WorkerCounters {
  // Types up to 299 cover every assigned type people query (CAA is 257); the rest
  // share the last slot.
  static constexpr std::size_t kTypeSlots = 300;
  static constexpr std::size_t kOtherType = kTypeSlots - 1;
  // Extended rcodes run to 23 (BADCOOKIE); anything beyond shares the last slot.
  static constexpr std::size_t kRcodeSlots = 25;
  static constexpr std::size_t kOtherRcode = kRcodeSlots - 1;

  std::array<Counter, kTypeSlots> queries_by_type;  // every message, qtype 0 if unparsed
  std::array<Counter, kRcodeSlots> responses_by_rcode;
  Counter udp_queries, tcp_queries;
  Counter no_response;          // the handler chose silence (QR=1, garbage)
  Counter responses_truncated;  // TC=1 sent over UDP
  Counter udp_oversized;        // datagrams larger than the receive buffer, dropped
  Counter udp_recv_errors, udp_send_errors, udp_send_dropped;
  // Connections open now = tcp_accepted - tcp_closed.
  Counter tcp_accepted, tcp_closed;
  Counter tcp_refused;  // over --tcp-max-connections: accepted and closed at once
  Counter tcp_closed_idle, tcp_closed_broken;

  void record(query::Transport t, const query::Outcome& o, std::span<const uint8_t> out) {
    (t == query::Transport::kUdp ? udp_queries : tcp_queries).add();
    queries_by_type[o.qtype < kOtherType ? o.qtype : kOtherType].add();
    if (o.size == 0) {
      no_response.add();
      return;
    }
    responses_by_rcode[o.rcode < kOtherRcode ? o.rcode : kOtherRcode].add();
    constexpr uint8_t kTcFlag = 0x02;  // in the third header octet
    if (o.size > 2 && (out[2] & kTcFlag)) responses_truncated.add();
  }
};

}  // namespace flipdns::server
