#include "controller/cli/cli_options.h"

#include "common/settings/duration.h"

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
  bool token_flag = false;  // --token given (as opposed to FLIPDNS_TOKEN)
  std::string timeout;
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
    for (auto [name, dest] :
         {std::pair{"--controller", &cl.global.controller}, std::pair{"--token", &cl.global.token},
          std::pair{"--token-file", &cl.global.token_file},
          std::pair{"--ca-file", &cl.global.ca_file}, std::pair{"--timeout", &timeout}}) {
      auto v = option_value(argv, i, name);
      if (!v) continue;
      if (auto* err = std::get_if<UsageError>(&*v)) return *err;
      *dest = std::get<std::string>(*v);
      if (dest == &cl.global.token) token_flag = true;
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
  if (!cl.global.token_file.empty()) {
    if (token_flag) return UsageError{"give --token or --token-file, not both"};
    cl.global.token.clear();  // the file replaces FLIPDNS_TOKEN
  }
  if (!timeout.empty()) {
    auto t = parse_duration(timeout);
    if (!t || t->count() <= 0)
      return UsageError{"--timeout: \"" + timeout + "\" is not a duration (write 500ms, 10s, 1m)"};
    cl.global.timeout = *t;
  }
  return cl;
}

}  // namespace flipdns::cli
