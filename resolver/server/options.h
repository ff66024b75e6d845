// flipdns-auth's settings, from flags and from the YAML file given with --config.
// Every flag is also a key of that file; flags override the file, and a repeatable
// flag given on the command line replaces the file's list rather than adding to it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/settings/command_line.h"
#include "resolver/query/handler.h"
#include "resolver/query/zone_loader.h"
#include "resolver/server/endpoint.h"
#include "resolver/server/logger.h"

namespace flipdns::server {

struct Options {
  std::vector<Endpoint> listen;
  std::vector<query::ZoneFileSpec> zone_files;
  std::string zones_dir;
  std::string state_dir;
  bool watch = false;
  unsigned threads = 1;
  std::optional<Endpoint> control;
  std::string control_token_file;
  std::string control_tls_cert;  // PEM; TLS on the control listener when both are set
  std::string control_tls_key;
  std::string config_file;
  query::Identity identity;
  std::chrono::milliseconds tcp_idle_timeout{10'000};
  unsigned tcp_max_connections = 1024;
  LogLevel log_level = LogLevel::kInfo;
};

using Command = settings::Command;
using CommandLine = settings::CommandLine<Options>;
// Bad usage or bad configuration; the message is the reason, ready for stderr.
using UsageError = settings::UsageError;

// `args` excludes the program name. `default_threads` is used when neither the
// flags nor the file say (main passes the number of cores). Throws UsageError.
CommandLine parse_command_line(const std::vector<std::string>& args, unsigned default_threads);

std::string usage_text();

}  // namespace flipdns::server
