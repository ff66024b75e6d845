#include "common/settings/duration.h"

#include <cstdint>
#include <limits>

namespace flipdns {
namespace {

// Milliseconds per unit, longest suffix first so "ms" is not read as "m" + "s".
struct Unit {
  std::string_view suffix;
  int64_t ms;
};
constexpr Unit kUnits[] = {{"ms", 1}, {"h", 3'600'000}, {"m", 60'000}, {"s", 1'000}};

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    int64_t value = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      int digit = text[i] - '0';
      if (value > (std::numeric_limits<int64_t>::max() - digit) / 10) return std::nullopt;
      value = value * 10 + digit;
      ++i;
    }
    const Unit* unit = nullptr;
    for (const Unit& u : kUnits) {
      if (text.substr(i, u.suffix.size()) == u.suffix) {
        unit = &u;
        break;
      }
    }
    if (unit == nullptr) return std::nullopt;
    i += unit->suffix.size();
    if (value > std::numeric_limits<int64_t>::max() / unit->ms) return std::nullopt;
    int64_t part = value * unit->ms;
    if (total > std::numeric_limits<int64_t>::max() - part) return std::nullopt;
    total += part;
  }
  return std::chrono::milliseconds(total);
}

std::string format_duration(std::chrono::milliseconds d) {
  int64_t ms = d.count();
  if (ms == 0) return "0s";
  std::string out;
  if (ms < 0) {
    out = "-";
    ms = -ms;
  }
  // Whole seconds are written in h/m/s; anything finer stays in plain milliseconds
  // so "1500ms" does not become the harder to read "1s500ms".
  if (ms % 1000 != 0) return out + std::to_string(ms) + "ms";
  int64_t s = ms / 1000;
  if (s >= 3600) {
    out += std::to_string(s / 3600) + "h";
    s %= 3600;
  }
  if (s >= 60) {
    out += std::to_string(s / 60) + "m";
    s %= 60;
  }
  if (s > 0) out += std::to_string(s) + "s";
  return out;
}

}  // namespace flipdns
