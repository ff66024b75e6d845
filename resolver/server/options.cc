#include "resolver/server/options.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <set>
#include <string_view>

#include "resolver/server/config_file.h"
#include "resolver/server/duration.h"

namespace flipdns::server {
namespace {

// Where a value came from: its base directory for relative paths (the config
// file's directory; empty for flags, which are relative to the working directory)
// and the prefix that error messages start with.
struct Source {
  std::filesystem::path base;
  std::string where;  // "" for flags, "file:line:col: " for the config file
};

[[noreturn]] void bad(const Source& src, std::string_view key, const std::string& why) {
  // Flags are named with their dashes, file keys without.
  throw UsageError(src.where + (src.where.empty() ? "--" : "") + std::string(key) + ": " + why);
}

std::string path_value(const Source& src, std::string_view key, std::string_view value) {
  if (value.empty()) bad(src, key, "empty path");
  std::filesystem::path p(value);
  if (p.is_relative() && !src.base.empty()) p = src.base / p;
  return p.string();
}

unsigned count_value(const Source& src, std::string_view key, std::string_view value,
                     unsigned max) {
  unsigned n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || n == 0 || n > max)
    bad(src, key, "'" + std::string(value) + "' is not a number from 1 to " + std::to_string(max));
  return n;
}

Endpoint endpoint_value(const Source& src, std::string_view key, std::string_view value) {
  auto e = parse_endpoint(value);
  if (!e)
    bad(src, key, "'" + std::string(value) + "' is not ADDR:PORT (numeric; IPv6 as [::1]:53)");
  // Every worker binds its own socket to the same port; a kernel-chosen port
  // would differ per socket.
  if (e->port() == 0) bad(src, key, "'" + std::string(value) + "': port 0 is not allowed");
  return *e;
}

query::ZoneFileSpec zone_file_value(const Source& src, std::string_view key,
                                    std::string_view value) {
  auto eq = value.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == value.size())
    bad(src, key, "'" + std::string(value) + "' is not ORIGIN=PATH");
  std::string origin(value.substr(0, eq));
  if (origin.back() != '.') origin += '.';  // an origin is always absolute
  return {origin, path_value(src, key, value.substr(eq + 1))};
}

struct Setting {
  std::string_view name;
  std::string_view arg;  // what the value looks like, for --help
  bool repeatable;
  void (*apply)(Options&, const Source&, std::string_view value);
  std::string_view help;
  bool is_switch = false;  // takes no value on the command line ("--watch")
};

const Setting kSettings[] = {
    {"listen", "ADDR:PORT", true,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       o.listen.push_back(endpoint_value(src, "listen", v));
     },
     "serve DNS here, UDP and TCP (repeatable; IPv6: [::1]:53)"},
    {"zone-file", "ORIGIN=PATH", true,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       o.zone_files.push_back(zone_file_value(src, "zone-file", v));
     },
     "serve an RFC 1035 master file for ORIGIN (repeatable)"},
    {"zones", "DIR", false,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       o.zones_dir = path_value(src, "zones", v);
     },
     "a directory of YAML zones (every *.yaml in it)"},
    {"state-dir", "DIR", false,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       o.state_dir = path_value(src, "state-dir", v);
     },
     "where persisted state is kept"},
    {"threads", "N", false,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       o.threads = count_value(src, "threads", v, 1024);
     },
     "worker threads (default: number of cores)"},
    {"control", "ADDR:PORT", false,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       o.control = endpoint_value(src, "control", v);
     },
     "control listener address (HTTP API, /metrics)"},
    {"control-token-file", "FILE", false,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       o.control_token_file = path_value(src, "control-token-file", v);
     },
     "the control API's bearer token"},
    {"control-tls-cert", "FILE", false,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       o.control_tls_cert = path_value(src, "control-tls-cert", v);
     },
     "serve the control API over TLS with this PEM certificate (with --control-tls-key)"},
    {"control-tls-key", "FILE", false,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       o.control_tls_key = path_value(src, "control-tls-key", v);
     },
     "the certificate's PEM private key"},
    {"identity", "NAME", false,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       o.identity.id_server = std::string(v);
     },
     "CHAOS id.server answer (default: none, REFUSED)"},
    {"version-string", "TEXT", false,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       o.identity.version = std::string(v);
     },
     "CHAOS version.bind answer (default: none, REFUSED)"},
    {"tcp-idle-timeout", "DURATION", false,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       auto d = parse_duration(v);
       if (!d || d->count() <= 0)
         bad(src, "tcp-idle-timeout",
             "'" + std::string(v) + "' is not a positive duration like 500ms, 10s, 1m");
       o.tcp_idle_timeout = *d;
     },
     "close idle TCP connections (default 10s)"},
    {"tcp-max-connections", "N", false,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       o.tcp_max_connections = count_value(src, "tcp-max-connections", v, 1'000'000);
     },
     "per worker and address (default 1024)"},
    {"watch", "", false,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       if (v != "true" && v != "false")
         bad(src, "watch", "'" + std::string(v) + "' is not true or false");
       o.watch = v == "true";
     },
     "reload when a file in the --zones directory changes", true},
    {"log-level", "LEVEL", false,
     [](Options& o, [[maybe_unused]] const Source& src, std::string_view v) {
       auto l = parse_log_level(v);
       if (!l) bad(src, "log-level", "'" + std::string(v) + "' is not debug, info, warn or error");
       o.log_level = *l;
     },
     "debug, info, warn or error (default info)"},
};

const Setting* find_setting(std::string_view name) {
  for (const Setting& s : kSettings)
    if (s.name == name) return &s;
  return nullptr;
}

struct FlagValue {
  const Setting* setting;
  std::string value;
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
  CommandLine cl;
  // --help and --version win over everything else, errors included: someone asking
  // for help should get it.
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      cl.command = Command::kHelp;
      return cl;
    }
    if (a == "--version") {
      cl.command = Command::kVersion;
      return cl;
    }
  }

  std::vector<FlagValue> flags;
  std::string config_file;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a.substr(0, 2) != "--") throw UsageError("unexpected argument '" + args[i] + "'");
    std::string_view name = a.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string_view::npos) {
      value = std::string(name.substr(eq + 1));
      name = name.substr(0, eq);
    }
    if (name == "config") {
      if (!value) {
        if (i + 1 == args.size()) throw UsageError("--config needs a value: FILE");
        value = args[++i];
      }
      config_file = *value;
      continue;
    }
    const Setting* s = find_setting(name);
    if (s == nullptr) throw UsageError("unknown flag '--" + std::string(name) + "'");
    if (!value && s->is_switch) value = "true";
    if (!value) {
      if (i + 1 == args.size())
        throw UsageError("--" + std::string(name) + " needs a value: " + std::string(s->arg));
      value = args[++i];
    }
    flags.push_back({s, *value});
  }

  Options& o = cl.options;
  o.threads = std::max(1u, default_threads);
  if (!config_file.empty()) {
    o.config_file = config_file;
    Source src{std::filesystem::path(config_file).parent_path(), ""};
    std::set<std::string> seen;
    for (const ConfigSetting& cs : read_config_file(config_file)) {
      src.where = cs.where + ": ";
      const Setting* s = find_setting(cs.key);
      if (s == nullptr) throw UsageError(src.where + "unknown key '" + cs.key + "'");
      if (!seen.insert(cs.key).second) throw UsageError(src.where + "'" + cs.key + "' given twice");
      if (cs.values.size() != 1 && !s->repeatable)
        throw UsageError(src.where + "'" + cs.key + "' takes one value, not a list");
      for (const std::string& v : cs.values) s->apply(o, src, v);
    }
  }

  Source cli{{}, ""};
  std::set<const Setting*> replaced;
  for (const FlagValue& f : flags) {
    if (f.setting->repeatable && replaced.insert(f.setting).second) {
      if (f.setting->name == "listen") o.listen.clear();
      if (f.setting->name == "zone-file") o.zone_files.clear();
    }
    f.setting->apply(o, cli, f.value);
  }
  validate(o);
  return cl;
}

std::string usage_text() {
  std::string out =
      "Usage: flipdns-auth --listen ADDR:PORT --zone-file ORIGIN=PATH [options]\n"
      "\n"
      "An authoritative DNS server. Every flag is also a key of the YAML file given\n"
      "with --config (key = flag name without \"--\"; lists for repeatable flags);\n"
      "flags override the file.\n"
      "\n"
      "Options:\n";
  auto add = [&out](std::string left, std::string_view help) {
    left = "  " + left;
    if (left.size() < 32)
      left.resize(32, ' ');
    else
      left += "\n" + std::string(32, ' ');
    out += left + std::string(help) + "\n";
  };
  for (const Setting& s : kSettings)
    add("--" + std::string(s.name) + " " + std::string(s.arg), s.help);
  add("--config FILE", "read settings from a YAML file");
  add("--help", "show this text");
  add("--version", "show the version");
  out +=
      "\n"
      "Durations are written 500ms, 2s, 10m, 1h. Signals: SIGHUP reloads the zones,\n"
      "SIGTERM and SIGINT stop. Exit status: 0 ok, 1 runtime failure, 2 bad usage or\n"
      "bad configuration.\n";
  return out;
}

}  // namespace flipdns::server
