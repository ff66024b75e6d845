// flipctl's command line: global options (anywhere on the line), the command
// name, and the arguments left for the command to read.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace flipdns::cli {

// Exit statuses of the contract (DESIGN.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the controller could not be reached, ...
inline constexpr int kExitUsage = 2;    // bad usage or bad configuration

// What flipctl takes from its environment, read once by main.
struct Environment {
  std::optional<std::string> controller;  // FLIPDNS_CONTROLLER
  std::optional<std::string> token;       // FLIPDNS_TOKEN
};

struct GlobalOptions {
  std::string controller;  // --controller, else FLIPDNS_CONTROLLER; a base URL
  std::string token;       // --token, else FLIPDNS_TOKEN
  std::string token_file;  // --token-file: read the token from here (replaces FLIPDNS_TOKEN)
  std::string ca_file;     // --ca-file: CA certificates for an https controller
  std::chrono::milliseconds timeout{10000};  // --timeout: one whole request
  bool json = false;                         // --json
  bool help = false;                         // --help / -h
};

struct CommandLine {
  GlobalOptions global;
  std::string command;            // empty: none given
  std::vector<std::string> args;  // everything else, in order
};

struct UsageError {
  std::string message;
};

// Global options are taken wherever they appear so both `flipctl --json lint d`
// and `flipctl lint d --json` work; any other option goes to the command, and
// everything after "--" is an argument.
std::variant<CommandLine, UsageError> parse_command_line(const std::vector<std::string>& argv,
                                                         const Environment& env);

}  // namespace flipdns::cli
