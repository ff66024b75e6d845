// The zone set is published by one thread (main: load, reload; later: flips) and
// read by every worker. Readers must not lock per query, and one query must see one
// snapshot from start to end.
//
// A Snapshot holds the current value and a generation number. Each worker keeps a
// SnapshotReader: per batch of queries it compares one atomic generation with the
// one it saw, and only when it changed does it take the mutex to copy the
// shared_ptr. The reader's copy keeps the value alive while the batch uses it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>

namespace flipdns::server {

template <typename T>
class Snapshot {
 public:
  explicit Snapshot(std::shared_ptr<const T> initial) : value_(std::move(initial)) {}
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  void publish(std::shared_ptr<const T> next) {
    std::shared_ptr<const T> old;
    {
      std::lock_guard lock(mu_);
      old = std::exchange(value_, std::move(next));
      generation_.fetch_add(1, std::memory_order_release);
    }
    // `old` may be the last reference to a large zone set: free it outside the lock.
  }

  // The current value and its generation, read together.
  std::pair<std::shared_ptr<const T>, uint64_t> get() const {
    std::lock_guard lock(mu_);
    return {value_, generation_.load(std::memory_order_relaxed)};
  }

  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const T> value_;  // guarded by mu_
  std::atomic<uint64_t> generation_{0};
};

// One per worker thread; not shared.
template <typename T>
class SnapshotReader {
 public:
  explicit SnapshotReader(const Snapshot<T>& source) : source_(source) { refresh(); }

  // Call once per batch; the reference stays valid until the next call.
  const T& current() {
    if (source_.generation() != seen_) refresh();
    return *value_;
  }
  uint64_t generation() const { return seen_; }

 private:
  void refresh() {
    auto [value, generation] = source_.get();
    value_ = std::move(value);
    seen_ = generation;
  }

  const Snapshot<T>& source_;
  std::shared_ptr<const T> value_;
  uint64_t seen_ = 0;
};

}  // namespace flipdns::server
