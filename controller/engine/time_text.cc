#include "controller/engine/time_text.h"

#include <array>
#include <cstdio>
#include <ctime>
#include <utility>

namespace flipdns::engine {

std::string format_duration(Duration d) {
  if (d == Duration::zero()) return "0s";
  std::string out;
  // Duration::min() has no positive counterpart; unsigned arithmetic does.
  uint64_t ms = static_cast<uint64_t>(d.count());
  if (d < Duration::zero()) {
    out = "-";
    ms = ~ms + 1;
  }
  constexpr std::array<std::pair<uint64_t, const char*>, 4> kUnits{
      {{3'600'000, "h"}, {60'000, "m"}, {1'000, "s"}, {1, "ms"}}};
  std::array<uint64_t, kUnits.size()> amount{};
  for (size_t i = 0; i < kUnits.size(); ++i) {
    amount[i] = (i == 0 ? ms : ms % kUnits[i - 1].first) / kUnits[i].first;
  }
  size_t first = 0;
  while (amount[first] == 0) ++first;
  size_t last = kUnits.size() - 1;
  while (amount[last] == 0) --last;
  for (size_t i = first; i <= last; ++i) {
    out += std::to_string(amount[i]);
    out += kUnits[i].second;
  }
  return out;
}

Duration ceil_ms(std::chrono::nanoseconds d) {
  return std::chrono::ceil<Duration>(d);
}

std::string format_wall_time(WallTime t) {
  const std::time_t secs = std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::array<char, 32> buf{};
  std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf.data();
}

}  // namespace flipdns::engine
