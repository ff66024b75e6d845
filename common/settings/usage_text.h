// --help from a program's table of settings: one line per flag, in table order,
// then --config, --help and --version, between the program's own head and tail.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/settings/setting.h"

namespace flipdns::settings {

struct UsageLine {
  std::string flag;  // "--listen ADDR:PORT"
  std::string_view help;
};

// Each help starts at `help_column`; a flag too wide for that gets its own line.
std::string format_usage(std::string_view head, std::vector<UsageLine> lines,
                         std::size_t help_column, std::string_view tail);

template <class Options>
std::string usage_text(std::string_view head,
                       std::type_identity_t<std::span<const Setting<Options>>> table,
                       std::size_t help_column, std::string_view tail) {
  std::vector<UsageLine> lines;
  for (const Setting<Options>& s : table)
    lines.push_back(
        {"--" + std::string(s.name) + (s.is_switch() ? "" : " " + std::string(s.arg)), s.help});
  return format_usage(head, std::move(lines), help_column, tail);
}

}  // namespace flipdns::settings
