#include "common/settings/values.h"

#include <charconv>
#include <filesystem>

#include "common/settings/duration.h"

namespace flipdns::settings {

std::string path_value(const Source& src, std::string_view value) {
  if (value.empty()) bad(src, "empty path");
  std::filesystem::path p(value);
  if (p.is_relative() && !src.base.empty()) p = src.base / p;
  return p.string();
}

unsigned count_value(const Source& src, std::string_view value, unsigned max) {
  unsigned n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || n == 0 || n > max)
    bad(src, "'" + std::string(value) + "' is not a number from 1 to " + std::to_string(max));
  return n;
}

std::chrono::milliseconds duration_value(const Source& src, std::string_view value) {
  auto d = parse_duration(value);
  if (!d || d->count() <= 0)
    bad(src, "'" + std::string(value) + "' is not a positive duration like 500ms, 10s, 1m");
  return *d;
}

bool bool_value(const Source& src, std::string_view value) {
  if (value == "true" || value == "yes" || value == "on" || value == "1") return true;
  if (value == "false" || value == "no" || value == "off" || value == "0") return false;
  bad(src, "'" + std::string(value) + "' is not true or false");
}

}  // namespace flipdns::settings
