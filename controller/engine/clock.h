// Time and randomness for the controller's pure logic, injected so that tests
// drive them by hand (STYLE 10). Everything in engine/ takes a `Now` or a random
// value as an argument; only the controller's main holds the real sources.
//
// Two clocks, because they answer different questions: the monotonic clock
// measures intervals (hold-down, failback delay) and never jumps; wall time
// stamps what people read (audit records, check evidence, pin expiry).
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

namespace flipdns::engine {

using Duration = std::chrono::milliseconds;
using MonoTime = std::chrono::steady_clock::time_point;
using WallTime = std::chrono::system_clock::time_point;

// One reading of both clocks, taken together.
struct Now {
  MonoTime mono;
  WallTime wall;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual MonoTime now() const = 0;
  virtual WallTime wall_now() const = 0;
  Now stamp() const { return {now(), wall_now()}; }
};

class SystemClock final : public Clock {
 public:
  MonoTime now() const override { return std::chrono::steady_clock::now(); }
  WallTime wall_now() const override { return std::chrono::system_clock::now(); }
};

// Moves only when told to. Both clocks advance together; `set_wall` jumps wall
// time alone, as an NTP step would, to show that intervals do not care.
class FakeClock final : public Clock {
 public:
  // Starts away from the epochs so that a default-constructed time_point in a
  // test is never mistaken for "now".
  FakeClock()
      : mono_(MonoTime{} + std::chrono::hours(1000)),
        wall_(WallTime{} + std::chrono::seconds(1704067200)) {}  // 2024-01-01T00:00:00Z

  MonoTime now() const override { return mono_; }
  WallTime wall_now() const override { return wall_; }

  void advance(Duration d) {
    if (d < Duration::zero()) throw std::invalid_argument("FakeClock cannot go backwards");
    mono_ += d;
    wall_ += d;
  }
  void set_wall(WallTime w) { wall_ = w; }

 private:
  MonoTime mono_;
  WallTime wall_;
};

// A source of uniformly distributed 64-bit values (for jitter).
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual uint64_t next() = 0;
};

// The production source. Seeded by the caller (from std::random_device in main)
// so that nothing here touches the operating system.
class Mt64Random final : public RandomSource {
 public:
  explicit Mt64Random(uint64_t seed) : engine_(seed) {}
  uint64_t next() override { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

// Returns the given values in order, then starts again; a single value makes it
// a constant.
class FakeRandom final : public RandomSource {
 public:
  explicit FakeRandom(std::vector<uint64_t> values) : values_(std::move(values)) {
    if (values_.empty()) throw std::invalid_argument("FakeRandom needs at least one value");
  }
  uint64_t next() override {
    uint64_t v = values_[pos_];
    pos_ = (pos_ + 1) % values_.size();
    return v;
  }

 private:
  std::vector<uint64_t> values_;
  size_t pos_ = 0;
};

}  // namespace flipdns::engine
