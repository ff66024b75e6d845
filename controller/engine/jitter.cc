#include "controller/engine/jitter.h"

#include <algorithm>
#include <limits>

namespace flipdns::engine {

Duration interval_with_jitter(Duration interval, uint64_t random, unsigned max_percent) {
  if (interval < kMinInterval) return kMinInterval;
  const int64_t ms = interval.count();
  const int64_t percent = std::min<unsigned>(max_percent, 100);
  // Divide first: ms * percent could overflow for absurd intervals.
  const int64_t span = ms / 100 * percent + ms % 100 * percent / 100;
  if (span == 0) return interval;
  const auto width = static_cast<uint64_t>(2 * span + 1);
  const int64_t offset = static_cast<int64_t>(random % width) - span;
  if (offset > 0 && ms > std::numeric_limits<int64_t>::max() - offset) return Duration::max();
  return std::max(kMinInterval, Duration(ms + offset));
}

}  // namespace flipdns::engine
