#include "controller/cli/cli_options.h"

namespace flipdns::cli {
namespace {

// Reads "--name VALUE" or "--name=VALUE" at argv[i]; advances i past the value.
// Returns nullopt when argv[i] is not this option.
std::optional<std::variant<std::string, UsageError>> option_value(
    const std::vector<std::string>& argv, std::size_t& i, std::string_view name) {
  const std::string& a = argv[i];
  if (a == name) {
    if (i + 1 >= argv.size()) return UsageError{std::string(name) + " needs a value"};
    return argv[++i];
  }
  if (a.size() > name.size() && a.starts_with(name) && a[name.size()] == '=')
    return a.substr(name.size() + 1);
  return std::nullopt;
}

}  // namespace

std::variant<CommandLine, UsageError> parse_command_line(const std::vector<std::string>& argv,
                                                         const Environment& env) {
  CommandLine cl;
  if (env.controller && !env.controller->empty()) cl.global.controller = *env.controller;
  if (env.token) cl.global.token = *env.token;
  bool only_args = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (only_args) {
      cl.args.push_back(a);
      continue;
    }
    if (a == "--") {
      only_args = true;
      continue;
    }
    if (a == "--json") {
      cl.global.json = true;
      continue;
    }
    if (a == "--help" || a == "-h") {
      cl.global.help = true;
      continue;
    }
    bool matched = false;
    for (auto [name, dest] : {std::pair{"--controller", &cl.global.controller},
                              std::pair{"--token", &cl.global.token}}) {
      auto v = option_value(argv, i, name);
      if (!v) continue;
      if (auto* err = std::get_if<UsageError>(&*v)) return *err;
      *dest = std::get<std::string>(*v);
      matched = true;
      break;
    }
    if (matched) continue;
    if (cl.command.empty()) {
      if (a.starts_with("-")) return UsageError{"unknown option " + a};
      cl.command = a;
      continue;
    }
    cl.args.push_back(a);
  }
  return cl;
}

}  // namespace flipdns::cli
