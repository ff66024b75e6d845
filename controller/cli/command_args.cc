#include "controller/cli/command_args.h"

#include <algorithm>

namespace flipdns::cli {

std::variant<CommandArgs, UsageError> parse_command_args(
    const std::vector<std::string>& args, std::initializer_list<std::string_view> value_options) {
  CommandArgs out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    // A lone "-" or a negative-looking word is unlikely in a group or pool
    // name; anything starting with "--" or "-x" is taken as an option.
    if (a.size() < 2 || a[0] != '-') {
      out.positional.push_back(a);
      continue;
    }
    std::string name = a, value;
    bool inline_value = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      inline_value = true;
    }
    if (std::find(value_options.begin(), value_options.end(), name) == value_options.end())
      return UsageError{"unknown option " + name};
    if (!inline_value) {
      if (i + 1 >= args.size()) return UsageError{name + " needs a value"};
      value = args[++i];
    }
    if (!out.options.emplace(name, value).second) return UsageError{name + " given twice"};
  }
  return out;
}

}  // namespace flipdns::cli
