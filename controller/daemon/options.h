// flipdns-controller's settings, from flags and from the YAML file given with
// --config. Every flag is also a key of that file (the flag's name without
// "--"); flags win over the file, and a repeatable flag on the command line
// replaces the file's list rather than adding to it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "common/settings/command_line.h"
#include "controller/engine/clock.h"
#include "resolver/server/logger.h"

namespace flipdns::daemon {

struct Options {
  std::string zones_dir;
  std::string state_dir;
  std::string api_host;  // numeric address
  int api_port = 0;      // 0: the kernel picks one (logged)
  std::string tokens_file;
  std::vector<std::string> auth_servers;  // base URLs
  std::string auth_token_file;
  std::string config_file;
  bool watch = false;
  engine::Duration reconcile_interval{10000};
  engine::Duration auth_timeout{2000};
  std::string tls_cert;
  std::string tls_key;
  std::string check_ca_file;
  std::string auth_ca_file;
  LogLevel log_level = LogLevel::kInfo;
};

using Command = settings::Command;
using CommandLine = settings::CommandLine<Options>;
// Bad usage or bad configuration: exit status 2, the message on stderr.
using UsageError = settings::UsageError;

// `args` excludes the program name. Throws UsageError.
CommandLine parse_command_line(const std::vector<std::string>& args);

std::string usage_text();

}  // namespace flipdns::daemon
