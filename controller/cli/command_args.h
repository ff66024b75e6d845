// A command's own arguments: "--name VALUE" / "--name=VALUE" options it
// declares, and positional arguments, checked against the command's synopsis.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "controller/cli/cli_options.h"

namespace flipdns::cli {

struct CommandArgs {
  std::map<std::string, std::string, std::less<>> options;  // "--reason" -> "AZ down"
  std::vector<std::string> positional;

  bool has(std::string_view name) const { return options.contains(name); }
  std::string get(std::string_view name) const {
    auto it = options.find(name);
    return it == options.end() ? std::string() : it->second;
  }
};

// `value_options` are the options this command takes, each with a value.
// A "-"-prefixed word that is not one of them is an error; so is an option
// given twice.
std::variant<CommandArgs, UsageError> parse_command_args(
    const std::vector<std::string>& args, std::initializer_list<std::string_view> value_options);

}  // namespace flipdns::cli
