// One worker: its own sockets (one UDP socket and one TCP listener per listen
// address, all SO_REUSEPORT), a thread running a libuv loop for TCP, and a thread
// per UDP socket blocked in recvmmsg. Workers share nothing but the zone snapshot,
// which they read without locking per query.
#pragma once

#include <uv.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "resolver/server/fd.h"
#include "resolver/server/tcp_server.h"
#include "resolver/server/udp_server.h"
#include "resolver/server/worker_context.h"

namespace flipdns::server {

class Worker {
 public:
  struct Sockets {
    Fd udp;
    Fd tcp;
    bool wildcard = false;  // bound to 0.0.0.0 or ::
  };

  // Sets up the loop and the servers; throws std::runtime_error if libuv refuses a
  // socket (nothing is left registered then).
  Worker(int index, const ServeSettings& settings, const Snapshot<zone::ZoneSet>& zones,
         std::vector<Sockets> sockets, Logger& log);
  ~Worker();  // stops and joins if still running
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void start();
  // zones_changed() and stop() may be called from any one other thread (the main
  // thread), not from several at once.
  //
  // Wakes the worker so it lets go of the old snapshot now rather than at its
  // next query.
  void zones_changed();
  // Returns at once; idempotent. The worker closes every handle and its loop ends.
  void stop();
  void join();

  // The TCP loop's counters and each UDP thread's: one writer each.
  std::vector<const WorkerCounters*> counters() const;

 private:
  static void on_wakeup(uv_async_t* handle);
  void close_all();
  // For a worker whose thread never ran: close and finish the loop here.
  void drain_loop();

  int index_;
  Logger& log_;
  WorkerCounters counters_;
  std::unique_ptr<WorkerContext> ctx_;  // large (TCP scratch): on the heap
  uv_loop_t loop_{};
  uv_async_t wakeup_{};
  std::vector<std::unique_ptr<UdpServer>> udp_;
  std::vector<std::unique_ptr<TcpServer>> tcp_;
  std::atomic<bool> stop_requested_{false};
  bool loop_closed_ = false;
  std::thread thread_;
};

}  // namespace flipdns::server
