#include "resolver/server/options.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "common/settings/usage_text.h"
#include "common/settings/values.h"
#include "resolver/server/config_file.h"

namespace flipdns::server {
namespace {

using settings::append;
using settings::bad;
using settings::clear_list;
using settings::Source;
using settings::store;

Endpoint endpoint_value(const Source& src, std::string_view value) {
  auto e = parse_endpoint(value);
  if (!e) bad(src, "'" + std::string(value) + "' is not ADDR:PORT (numeric; IPv6 as [::1]:53)");
  // Every worker binds its own socket to the same port; a kernel-chosen port
  // would differ per socket.
  if (e->port() == 0) bad(src, "'" + std::string(value) + "': port 0 is not allowed");
  return *e;
}

query::ZoneFileSpec zone_file_value(const Source& src, std::string_view value) {
  auto eq = value.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == value.size())
    bad(src, "'" + std::string(value) + "' is not ORIGIN=PATH");
  std::string origin(value.substr(0, eq));
  if (origin.back() != '.') origin += '.';  // an origin is always absolute
  return {origin, settings::path_value(src, value.substr(eq + 1))};
}

// Only these two spellings, unlike settings::bool_value: flipdns-auth has always
// refused "yes" and "on".
bool true_or_false(const Source& src, std::string_view value) {
  if (value != "true" && value != "false")
    bad(src, "'" + std::string(value) + "' is not true or false");
  return value == "true";
}

LogLevel log_level_value(const Source& src, std::string_view value) {
  auto l = parse_log_level(value);
  if (!l) bad(src, "'" + std::string(value) + "' is not debug, info, warn or error");
  return *l;
}

void identity_value(Options& o, const Source&, std::string_view value) {
  o.identity.id_server = std::string(value);
}

void version_string_value(Options& o, const Source&, std::string_view value) {
  o.identity.version = std::string(value);
}

const settings::Setting<Options> kSettings[] = {
    {.name = "listen",
     .arg = "ADDR:PORT",
     .help = "serve DNS here, UDP and TCP (repeatable; IPv6: [::1]:53)",
     .apply = append<&Options::listen, endpoint_value>,
     .clear = clear_list<&Options::listen>},
    {.name = "zone-file",
     .arg = "ORIGIN=PATH",
     .help = "serve an RFC 1035 master file for ORIGIN (repeatable)",
     .apply = append<&Options::zone_files, zone_file_value>,
     .clear = clear_list<&Options::zone_files>},
    {.name = "zones",
     .arg = "DIR",
     .help = "a directory of YAML zones (every *.yaml in it)",
     .apply = store<&Options::zones_dir, settings::path_value>},
    {.name = "state-dir",
     .arg = "DIR",
     .help = "where persisted state is kept",
     .apply = store<&Options::state_dir, settings::path_value>},
    {.name = "threads",
     .arg = "N",
     .help = "worker threads (default: number of cores)",
     .apply = store<&Options::threads, settings::count_up_to<1024>>},
    {.name = "control",
     .arg = "ADDR:PORT",
     .help = "control listener address (HTTP API, /metrics)",
     .apply = store<&Options::control, endpoint_value>},
    {.name = "control-token-file",
     .arg = "FILE",
     .help = "the control API's bearer token",
     .apply = store<&Options::control_token_file, settings::path_value>},
    {.name = "control-tls-cert",
     .arg = "FILE",
     .help = "serve the control API over TLS with this PEM certificate (with --control-tls-key)",
     .apply = store<&Options::control_tls_cert, settings::path_value>},
    {.name = "control-tls-key",
     .arg = "FILE",
     .help = "the certificate's PEM private key",
     .apply = store<&Options::control_tls_key, settings::path_value>},
    {.name = "identity",
     .arg = "NAME",
     .help = "CHAOS id.server answer (default: none, REFUSED)",
     .apply = identity_value},
    {.name = "version-string",
     .arg = "TEXT",
     .help = "CHAOS version.bind answer (default: none, REFUSED)",
     .apply = version_string_value},
    {.name = "tcp-idle-timeout",
     .arg = "DURATION",
     .help = "close idle TCP connections (default 10s)",
     .apply = store<&Options::tcp_idle_timeout, settings::duration_value>},
    {.name = "tcp-max-connections",
     .arg = "N",
     .help = "per worker and address (default 1024)",
     .apply = store<&Options::tcp_max_connections, settings::count_up_to<1'000'000>>},
    {.name = "watch",
     .arg = "",
     .help = "reload when a file in the --zones directory changes",
     .apply = store<&Options::watch, true_or_false>},
    {.name = "log-level",
     .arg = "LEVEL",
     .help = "debug, info, warn or error (default info)",
     .apply = store<&Options::log_level, log_level_value>},
};

void validate(const Options& o) {
  if (o.listen.empty()) throw UsageError("no --listen address given");
  if (o.zone_files.empty() && o.zones_dir.empty())
    throw UsageError("no zones given: use --zone-file ORIGIN=PATH or --zones DIR");
  if (o.control && o.control_token_file.empty())
    throw UsageError(
        "--control needs --control-token-file: the control API always asks for a token");
  if (o.control_tls_cert.empty() != o.control_tls_key.empty())
    throw UsageError("--control-tls-cert and --control-tls-key go together");
  std::set<std::string> seen;
  for (const Endpoint& e : o.listen)
    if (!seen.insert(e.to_string()).second)
      throw UsageError("--listen: " + e.to_string() + " is given twice");
}

}  // namespace

CommandLine parse_command_line(const std::vector<std::string>& args, unsigned default_threads) {
  Options defaults;
  defaults.threads = std::max(1u, default_threads);
  CommandLine cl = settings::parse_command_line<Options>(args, kSettings, kConfigRules, defaults);
  if (cl.command == Command::kRun) validate(cl.options);
  return cl;
}

std::string usage_text() {
  return settings::usage_text<Options>(
      "Usage: flipdns-auth --listen ADDR:PORT --zone-file ORIGIN=PATH [options]\n"
      "\n"
      "An authoritative DNS server. Every flag is also a key of the YAML file given\n"
      "with --config (key = flag name without \"--\"; lists for repeatable flags);\n"
      "flags override the file.\n"
      "\n"
      "Options:\n",
      kSettings, 32,
      "\n"
      "Durations are written 500ms, 2s, 10m, 1h. Signals: SIGHUP reloads the zones,\n"
      "SIGTERM and SIGINT stop. Exit status: 0 ok, 1 runtime failure, 2 bad usage or\n"
      "bad configuration.\n");
}

}  // namespace flipdns::server
