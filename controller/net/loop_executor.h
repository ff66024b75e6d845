// Runs work on the controller's loop thread on behalf of other threads: the
// REST API server answers on its own threads, but the controller's state, its
// timers and its curl handles belong to the loop. Every API request becomes a
// task here, so nothing of the controller is shared between threads.
#pragma once

#include <uv.h>

#include <chrono>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>

#include "controller/net/uv_handle.h"

namespace flipdns::net {

class LoopExecutor {
 public:
  // On the loop thread.
  explicit LoopExecutor(uv_loop_t* loop);
  ~LoopExecutor();
  LoopExecutor(const LoopExecutor&) = delete;
  LoopExecutor& operator=(const LoopExecutor&) = delete;

  // Any thread. Queues `task` for the loop; false once closed.
  bool post(std::function<void()> task);

  // Any thread but the loop's own (it would wait for itself). Runs `fn` on
  // the loop and waits at most `timeout` for its value: nullopt if the
  // executor is closed, closes before running it, or the loop is too slow.
  // An exception thrown by `fn` is rethrown here.
  template <typename T>
  std::optional<T> call(std::function<T()> fn, std::chrono::milliseconds timeout) {
    auto promise = std::make_shared<std::promise<T>>();
    std::future<T> result = promise->get_future();
    // The task holds the only reference to the promise: a task dropped
    // unrun breaks it, which wakes the caller at once.
    bool queued = post([promise = std::move(promise), fn = std::move(fn)] {
      try {
        promise->set_value(fn());
      } catch (...) {
        promise->set_exception(std::current_exception());
      }
    });
    if (!queued || result.wait_for(timeout) != std::future_status::ready) return std::nullopt;
    try {
      return result.get();
    } catch (const std::future_error&) {
      return std::nullopt;  // dropped by close()
    }
  }

  // On the loop thread: refuses new tasks and drops queued ones, whose callers
  // get nullopt at once. Called first at shutdown, so that no API thread waits
  // for a loop that has stopped.
  void close();

 private:
  void drain();

  std::mutex mu_;
  bool closed_ = false;                      // guarded by mu_
  std::deque<std::function<void()>> tasks_;  // guarded by mu_
  UvHandle<uv_async_t> async_;
};

}  // namespace flipdns::net
