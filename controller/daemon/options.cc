#include "controller/daemon/options.h"

#include <arpa/inet.h>

#include <charconv>
#include <set>
#include <string_view>

#include "common/settings/usage_text.h"
#include "common/settings/values.h"

namespace flipdns::daemon {
namespace {

using settings::append;
using settings::bad;
using settings::clear_list;
using settings::path_value;
using settings::Source;
using settings::store;

void api_value(Options& o, const Source& src, std::string_view v) {
  std::string_view host, port;
  if (!v.empty() && v.front() == '[') {
    auto close = v.find("]:");
    if (close == std::string_view::npos) bad(src, "'" + std::string(v) + "' is not [ADDR]:PORT");
    host = v.substr(1, close - 1);
    port = v.substr(close + 2);
  } else {
    auto colon = v.rfind(':');
    if (colon == std::string_view::npos || v.find(':') != colon)
      bad(src, "'" + std::string(v) + "' is not ADDR:PORT (IPv6 as [::1]:8080)");
    host = v.substr(0, colon);
    port = v.substr(colon + 1);
  }
  unsigned char buf[16];
  const std::string h(host);
  if (inet_pton(AF_INET, h.c_str(), buf) != 1 && inet_pton(AF_INET6, h.c_str(), buf) != 1)
    bad(src, "'" + h + "' is not a numeric address");
  int p = -1;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || p < 0 || p > 65535)
    bad(src, "'" + std::string(port) + "' is not a port number");
  o.api_host = h;
  o.api_port = p;
}

std::string url_value(const Source& src, std::string_view v) {
  if (!(v.starts_with("http://") || v.starts_with("https://")) || v.size() < 9)
    bad(src, "'" + std::string(v) + "' is not a base URL like http://127.0.0.1:8053");
  return std::string(v);
}

LogLevel log_level_value(const Source& src, std::string_view v) {
  auto l = parse_log_level(v);
  if (!l) bad(src, "'" + std::string(v) + "' is not debug, info, warn or error");
  return *l;
}

const settings::Setting<Options> kSettings[] = {
    {.name = "zones",
     .arg = "DIR",
     .help = "the zones directory (every *.yaml in it): groups, pools, checks, policy",
     .apply = store<&Options::zones_dir, path_value>},
    {.name = "state-dir",
     .arg = "DIR",
     .help = "decisions, pins and epochs (state.json) and the audit log (audit.jsonl)",
     .apply = store<&Options::state_dir, path_value>},
    {.name = "api",
     .arg = "ADDR:PORT",
     .help = "serve the REST API here (numeric; IPv6 as [::1]:8080; port 0: any)",
     .apply = api_value},
    {.name = "tokens-file",
     .arg = "FILE",
     .help = "API tokens, lines 'ROLE TOKEN [NAME]' (ROLE: read or operator)",
     .apply = store<&Options::tokens_file, path_value>},
    {.name = "auth-server",
     .arg = "URL",
     .help = "a flipdns-auth control endpoint, e.g. http://127.0.0.1:8053 (repeatable)",
     .apply = append<&Options::auth_servers, url_value>,
     .clear = clear_list<&Options::auth_servers>},
    {.name = "auth-token-file",
     .arg = "FILE",
     .help = "the auth servers' control token (first line)",
     .apply = store<&Options::auth_token_file, path_value>},
    {.name = "watch",
     .arg = "",
     .help = "reload when the zones directory changes",
     .apply = store<&Options::watch, settings::bool_value>},
    {.name = "reconcile-interval",
     .arg = "DURATION",
     .help = "read every auth server's decisions and repair drift this often (default 10s)",
     .apply = store<&Options::reconcile_interval, settings::duration_value>},
    {.name = "auth-timeout",
     .arg = "DURATION",
     .help = "timeout of each request to an auth server (default 2s)",
     .apply = store<&Options::auth_timeout, settings::duration_value>},
    {.name = "tls-cert",
     .arg = "FILE",
     .help = "serve the API over HTTPS with this certificate (PEM; needs --tls-key)",
     .apply = store<&Options::tls_cert, path_value>},
    {.name = "tls-key",
     .arg = "FILE",
     .help = "the key of --tls-cert (PEM)",
     .apply = store<&Options::tls_key, path_value>},
    {.name = "check-ca-file",
     .arg = "FILE",
     .help = "CA certificates for https health checks (default: the system's)",
     .apply = store<&Options::check_ca_file, path_value>},
    {.name = "auth-ca-file",
     .arg = "FILE",
     .help = "CA certificates for https auth servers (default: the system's)",
     .apply = store<&Options::auth_ca_file, path_value>},
    {.name = "log-level",
     .arg = "LEVEL",
     .help = "debug, info, warn or error (default info; debug logs every check)",
     .apply = store<&Options::log_level, log_level_value>},
};

// Each entry is checked as it is applied, and errors about a key point at the
// key.
const settings::ConfigRules kConfigRules{};

void validate(const Options& o) {
  if (o.zones_dir.empty()) throw UsageError("no --zones DIR given");
  if (o.state_dir.empty()) throw UsageError("no --state-dir DIR given");
  if (o.api_host.empty()) throw UsageError("no --api ADDR:PORT given");
  if (o.tokens_file.empty()) throw UsageError("no --tokens-file FILE given (the API needs tokens)");
  if (!o.auth_servers.empty() && o.auth_token_file.empty())
    throw UsageError("--auth-server needs --auth-token-file");
  if (o.tls_cert.empty() != o.tls_key.empty())
    throw UsageError("--tls-cert and --tls-key go together");
  std::set<std::string> seen;
  for (const std::string& u : o.auth_servers)
    if (!seen.insert(u).second) throw UsageError("--auth-server: " + u + " is given twice");
}

}  // namespace

CommandLine parse_command_line(const std::vector<std::string>& args) {
  CommandLine cl = settings::parse_command_line<Options>(args, kSettings, kConfigRules, {});
  if (cl.command == Command::kRun) validate(cl.options);
  return cl;
}

std::string usage_text() {
  return settings::usage_text<Options>(
      "Usage: flipdns-controller --zones DIR --state-dir DIR --api ADDR:PORT\n"
      "                          --tokens-file FILE [--auth-server URL]... [options]\n"
      "\n"
      "Health-checks every member of every failover group, decides which pool each\n"
      "group serves, and pushes the decisions to every flipdns-auth. Every flag is also\n"
      "a key of the YAML file given with --config (key = flag name without \"--\"; a\n"
      "list for --auth-server; watch: true); flags override the file.\n"
      "\n"
      "Options:\n",
      kSettings, 34,
      "\n"
      "Durations are written 500ms, 2s, 10m, 1h. Signals: SIGHUP reloads the zones\n"
      "directory, SIGTERM and SIGINT stop. Logs: one JSON object per line on stderr.\n"
      "Exit status: 0 stopped by a signal, 1 runtime failure, 2 bad usage or bad\n"
      "configuration.\n");
}

}  // namespace flipdns::daemon
