#include "controller/net/loop_executor.h"

#include <utility>

namespace flipdns::net {

LoopExecutor::LoopExecutor(uv_loop_t* loop)
    : async_([loop](uv_async_t* a) {
        return uv_async_init(loop, a,
                             [](uv_async_t* h) { static_cast<LoopExecutor*>(h->data)->drain(); });
      }) {
  async_->data = this;
}

LoopExecutor::~LoopExecutor() {
  close();
}

bool LoopExecutor::post(std::function<void()> task) {
  std::lock_guard lock(mu_);
  if (closed_) return false;
  tasks_.push_back(std::move(task));
  // Under the lock: close() cannot free the handle between the check and the send.
  uv_async_send(async_.get());
  return true;
}

void LoopExecutor::drain() {
  std::deque<std::function<void()>> batch;
  {
    std::lock_guard lock(mu_);
    batch.swap(tasks_);
  }
  for (auto& task : batch) task();
}

void LoopExecutor::close() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(mu_);
    if (closed_) return;
    closed_ = true;
    dropped.swap(tasks_);
    async_.reset();
  }
  // Destroying the tasks outside the lock breaks their promises.
}

}  // namespace flipdns::net
