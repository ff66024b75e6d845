#include "common/settings/usage_text.h"

namespace flipdns::settings {

std::string format_usage(std::string_view head, std::vector<UsageLine> lines,
                         std::size_t help_column, std::string_view tail) {
  // Handled by parse_command_line itself, so in no program's table.
  lines.push_back({"--config FILE", "read settings from a YAML file"});
  lines.push_back({"--help", "show this text"});
  lines.push_back({"--version", "show the version"});
  std::string out(head);
  for (const UsageLine& line : lines) {
    std::string left = "  " + line.flag;
    if (left.size() < help_column)
      left.resize(help_column, ' ');
    else
      left += "\n" + std::string(help_column, ' ');
    out += left + std::string(line.help) + "\n";
  }
  out += tail;
  return out;
}

}  // namespace flipdns::settings
