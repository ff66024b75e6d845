#include "resolver/server/worker.h"

#include <stdexcept>
#include <string>

namespace flipdns::server {

Worker::Worker(int index, const ServeSettings& settings, const Snapshot<zone::ZoneSet>& zones,
               std::vector<Sockets> sockets, Logger& log)
    : index_(index),
      log_(log),
      ctx_(std::make_unique<WorkerContext>(settings, zones, counters_, log)) {
  int rc = uv_loop_init(&loop_);
  if (rc != 0) throw std::runtime_error(std::string("uv_loop_init: ") + uv_strerror(rc));
  uv_async_init(&loop_, &wakeup_, on_wakeup);
  wakeup_.data = this;
  try {
    for (Sockets& s : sockets) {
      udp_.push_back(std::make_unique<UdpServer>(std::move(s.udp), s.wildcard, settings, zones));
      tcp_.push_back(std::make_unique<TcpServer>(&loop_, *ctx_));
      if ((rc = tcp_.back()->start(std::move(s.tcp))) != 0)
        throw std::runtime_error(std::string("tcp listen: ") + uv_strerror(rc));
    }
  } catch (...) {
    drain_loop();
    throw;
  }
}

Worker::~Worker() {
  if (thread_.joinable()) {
    stop();
    join();
  }
  drain_loop();
}

std::vector<const WorkerCounters*> Worker::counters() const {
  std::vector<const WorkerCounters*> all{&counters_};
  for (const auto& u : udp_) all.push_back(&u->counters());
  return all;
}

void Worker::start() {
  for (auto& u : udp_) u->start();
  thread_ = std::thread([this] {
    uv_run(&loop_, UV_RUN_DEFAULT);
    // The loop ends only when every handle has closed, so this cannot be busy.
    if (int rc = uv_loop_close(&loop_); rc != 0)
      log_.error("worker loop did not close", {{"worker", index_}, {"error", uv_strerror(rc)}});
    loop_closed_ = true;
  });
}

void Worker::zones_changed() {
  // Once stopping, the wakeup handle may already be closed; sending to it then
  // would abort.
  if (!stop_requested_.load(std::memory_order_acquire)) uv_async_send(&wakeup_);
}

void Worker::stop() {
  for (auto& u : udp_) u->stop();
  if (!stop_requested_.exchange(true, std::memory_order_acq_rel)) uv_async_send(&wakeup_);
}

void Worker::join() {
  for (auto& u : udp_) u->join();
  if (thread_.joinable()) thread_.join();
}

void Worker::on_wakeup(uv_async_t* handle) {
  auto* self = static_cast<Worker*>(handle->data);
  if (self->stop_requested_.load(std::memory_order_acquire)) {
    self->close_all();
    return;
  }
  self->ctx_->zones.current();  // drops our reference to the old zone set
}

void Worker::close_all() {
  for (auto& t : tcp_) t->close();
  if (!uv_is_closing(reinterpret_cast<uv_handle_t*>(&wakeup_)))
    uv_close(reinterpret_cast<uv_handle_t*>(&wakeup_), nullptr);
}

void Worker::drain_loop() {
  if (loop_closed_) return;
  close_all();
  uv_run(&loop_, UV_RUN_DEFAULT);
  uv_loop_close(&loop_);
  loop_closed_ = true;
}

}  // namespace flipdns::server
