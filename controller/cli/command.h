// A flipctl command: its name, its help, and the function that runs it. Adding a
// command is one file (cmd_NAME.cc with its run function) and one line in
// commands.cc; dispatch.cc needs no change.
#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "controller/cli/cli_options.h"
#include "controller/cli/http_client.h"

namespace flipdns::cli {

struct CommandContext {
  const GlobalOptions& global;
  std::ostream& out;  // results
  std::ostream& err;  // errors and diagnostics
  HttpClient& http;   // how commands reach the controller (a fake in tests)
};

struct Command {
  std::string_view name;
  std::string_view synopsis;  // "lint DIR"
  std::string_view summary;   // one line for `flipctl --help`
  std::string_view help;      // the rest of `flipctl NAME --help`
  // Returns the exit status; `args` are what the command line left after the
  // global options and the command name.
  int (*run)(const CommandContext& ctx, const std::vector<std::string>& args);
};

// Every command flipctl knows, in the order --help lists them.
std::span<const Command> commands();

}  // namespace flipdns::cli
