#include "controller/cli/group_name.h"

#include <cstdio>

namespace flipdns::cli {

std::string normalize_group(std::string_view name) {
  std::string out(name);
  if (!out.empty() && !out.ends_with('.')) out += '.';
  return out;
}

std::string path_segment(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace flipdns::cli
