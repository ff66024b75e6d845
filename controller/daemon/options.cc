#include "controller/daemon/options.h"

#include <arpa/inet.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

#include "resolver/server/duration.h"

namespace flipdns::daemon {
namespace {

// Where a value came from: the base for relative paths (the config file's
// folder; none for flags) and the prefix of error messages.
struct Source {
  std::filesystem::path base;
  std::string where;  // "" for flags, "file:line:col: " for the config file
};

[[noreturn]] void bad(const Source& src, std::string_view key, const std::string& why) {
  throw UsageError(src.where + (src.where.empty() ? "--" : "") + std::string(key) + ": " + why);
}

std::string path_value(const Source& src, std::string_view key, std::string_view v) {
  if (v.empty()) bad(src, key, "empty path");
  std::filesystem::path p(v);
  if (p.is_relative() && !src.base.empty()) p = src.base / p;
  return p.string();
}

engine::Duration duration_value(const Source& src, std::string_view key, std::string_view v) {
  auto d = parse_duration(v);
  if (!d || d->count() <= 0)
    bad(src, key, "'" + std::string(v) + "' is not a positive duration like 500ms, 10s, 1m");
  return *d;
}

bool bool_value(const Source& src, std::string_view key, std::string_view v) {
  if (v == "true" || v == "yes" || v == "on" || v == "1") return true;
  if (v == "false" || v == "no" || v == "off" || v == "0") return false;
  bad(src, key, "'" + std::string(v) + "' is not true or false");
}

void api_value(Options& o, const Source& src, std::string_view v) {
  std::string_view host, port;
  if (!v.empty() && v.front() == '[') {
    auto close = v.find("]:");
    if (close == std::string_view::npos)
      bad(src, "api", "'" + std::string(v) + "' is not [ADDR]:PORT");
    host = v.substr(1, close - 1);
    port = v.substr(close + 2);
  } else {
    auto colon = v.rfind(':');
    if (colon == std::string_view::npos || v.find(':') != colon)
      bad(src, "api", "'" + std::string(v) + "' is not ADDR:PORT (IPv6 as [::1]:8080)");
    host = v.substr(0, colon);
    port = v.substr(colon + 1);
  }
  unsigned char buf[16];
  const std::string h(host);
  if (inet_pton(AF_INET, h.c_str(), buf) != 1 && inet_pton(AF_INET6, h.c_str(), buf) != 1)
    bad(src, "api", "'" + h + "' is not a numeric address");
  int p = -1;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || p < 0 || p > 65535)
    bad(src, "api", "'" + std::string(port) + "' is not a port number");
  o.api_host = h;
  o.api_port = p;
}

std::string url_value(const Source& src, std::string_view key, std::string_view v) {
  if (!(v.starts_with("http://") || v.starts_with("https://")) || v.size() < 9)
    bad(src, key, "'" + std::string(v) + "' is not a base URL like http://127.0.0.1:8053");
  return std::string(v);
}

struct Setting {
  std::string_view name;
  std::string_view arg;  // "" for a switch
  bool repeatable;
  void (*apply)(Options&, const Source&, std::string_view);
  std::string_view help;
};

const Setting kSettings[] = {
    {"zones", "DIR", false,
     [](Options& o, const Source& s, std::string_view v) {
       o.zones_dir = path_value(s, "zones", v);
     },
     "the zones directory (every *.yaml in it): groups, pools, checks, policy"},
    {"state-dir", "DIR", false,
     [](Options& o, const Source& s, std::string_view v) {
       o.state_dir = path_value(s, "state-dir", v);
     },
     "decisions, pins and epochs (state.json) and the audit log (audit.jsonl)"},
    {"api", "ADDR:PORT", false,
     [](Options& o, const Source& s, std::string_view v) { api_value(o, s, v); },
     "serve the REST API here (numeric; IPv6 as [::1]:8080; port 0: any)"},
    {"tokens-file", "FILE", false,
     [](Options& o, const Source& s, std::string_view v) {
       o.tokens_file = path_value(s, "tokens-file", v);
     },
     "API tokens, lines 'ROLE TOKEN [NAME]' (ROLE: read or operator)"},
    {"auth-server", "URL", true,
     [](Options& o, const Source& s, std::string_view v) {
       o.auth_servers.push_back(url_value(s, "auth-server", v));
     },
     "a flipdns-auth control endpoint, e.g. http://127.0.0.1:8053 (repeatable)"},
    {"auth-token-file", "FILE", false,
     [](Options& o, const Source& s, std::string_view v) {
       o.auth_token_file = path_value(s, "auth-token-file", v);
     },
     "the auth servers' control token (first line)"},
    {"watch", "", false,
     [](Options& o, const Source& s, std::string_view v) { o.watch = bool_value(s, "watch", v); },
     "reload when the zones directory changes"},
    {"reconcile-interval", "DURATION", false,
     [](Options& o, const Source& s, std::string_view v) {
       o.reconcile_interval = duration_value(s, "reconcile-interval", v);
     },
     "read every auth server's decisions and repair drift this often (default 10s)"},
    {"auth-timeout", "DURATION", false,
     [](Options& o, const Source& s, std::string_view v) {
       o.auth_timeout = duration_value(s, "auth-timeout", v);
     },
     "timeout of each request to an auth server (default 2s)"},
    {"tls-cert", "FILE", false,
     [](Options& o, const Source& s, std::string_view v) {
       o.tls_cert = path_value(s, "tls-cert", v);
     },
     "serve the API over HTTPS with this certificate (PEM; needs --tls-key)"},
    {"tls-key", "FILE", false,
     [](Options& o, const Source& s, std::string_view v) {
       o.tls_key = path_value(s, "tls-key", v);
     },
     "the key of --tls-cert (PEM)"},
    {"check-ca-file", "FILE", false,
     [](Options& o, const Source& s, std::string_view v) {
       o.check_ca_file = path_value(s, "check-ca-file", v);
     },
     "CA certificates for https health checks (default: the system's)"},
    {"auth-ca-file", "FILE", false,
     [](Options& o, const Source& s, std::string_view v) {
       o.auth_ca_file = path_value(s, "auth-ca-file", v);
     },
     "CA certificates for https auth servers (default: the system's)"},
    {"log-level", "LEVEL", false,
     [](Options& o, const Source& s, std::string_view v) {
       auto l = parse_log_level(v);
       if (!l) bad(s, "log-level", "'" + std::string(v) + "' is not debug, info, warn or error");
       o.log_level = *l;
     },
     "debug, info, warn or error (default info; debug logs every check)"},
};

const Setting* find_setting(std::string_view name) {
  for (const Setting& s : kSettings)
    if (s.name == name) return &s;
  return nullptr;
}

std::string position(const std::string& file, const YAML::Mark& m) {
  return file + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

void apply_config_file(Options& o, const std::string& file) {
  std::ifstream in(file);
  if (!in) throw UsageError(file + ": cannot read the config file");
  YAML::Node root;
  try {
    root = YAML::Load(in);
  } catch (const YAML::Exception& e) {
    throw UsageError(position(file, e.mark) + ": " + e.msg);
  }
  if (root.IsNull()) return;
  if (!root.IsMap()) throw UsageError(position(file, root.Mark()) + ": expected a map of settings");
  Source src{std::filesystem::path(file).parent_path(), ""};
  std::set<std::string> seen;
  for (const auto& entry : root) {
    YAML::Node key = entry.first;
    YAML::Node value = entry.second;
    src.where = position(file, key.Mark()) + ": ";
    if (!key.IsScalar()) throw UsageError(src.where + "keys must be names");
    const std::string name = key.Scalar();
    const Setting* s = find_setting(name);
    if (!s) throw UsageError(src.where + "unknown key '" + name + "'");
    if (!seen.insert(name).second) throw UsageError(src.where + "'" + name + "' given twice");
    src.where = position(file, value.Mark()) + ": ";
    if (value.IsSequence()) {
      if (!s->repeatable)
        throw UsageError(src.where + "'" + name + "' takes one value, not a list");
      for (YAML::Node item : value) {
        if (!item.IsScalar()) throw UsageError(position(file, item.Mark()) + ": expected a value");
        s->apply(o, src, item.Scalar());
      }
    } else if (value.IsScalar()) {
      s->apply(o, src, value.Scalar());
    } else {
      throw UsageError(src.where + name + ": expected a value");
    }
  }
}

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
  CommandLine cl;
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
  struct FlagValue {
    const Setting* setting;
    std::string value;
  };
  std::vector<FlagValue> flags;
  std::string config_file;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (!a.starts_with("--")) throw UsageError("unexpected argument '" + args[i] + "'");
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
    if (!s) throw UsageError("unknown flag '--" + std::string(name) + "'");
    if (!value) {
      if (s->arg.empty()) {
        value = "true";  // a switch
      } else {
        if (i + 1 == args.size())
          throw UsageError("--" + std::string(name) + " needs a value: " + std::string(s->arg));
        value = args[++i];
      }
    }
    flags.push_back({s, *value});
  }
  Options& o = cl.options;
  if (!config_file.empty()) {
    o.config_file = config_file;
    apply_config_file(o, config_file);
  }
  Source cli{{}, ""};
  bool servers_replaced = false;
  for (const FlagValue& f : flags) {
    if (f.setting->name == "auth-server" && !servers_replaced) {
      o.auth_servers.clear();
      servers_replaced = true;
    }
    f.setting->apply(o, cli, f.value);
  }
  validate(o);
  return cl;
}

std::string usage_text() {
  std::string out =
      "Usage: flipdns-controller --zones DIR --state-dir DIR --api ADDR:PORT\n"
      "                          --tokens-file FILE [--auth-server URL]... [options]\n"
      "\n"
      "Health-checks every member of every failover group, decides which pool each\n"
      "group serves, and pushes the decisions to every flipdns-auth. Every flag is also\n"
      "a key of the YAML file given with --config (key = flag name without \"--\"; a\n"
      "list for --auth-server; watch: true); flags override the file.\n"
      "\n"
      "Options:\n";
  auto add = [&out](std::string left, std::string_view help) {
    left = "  " + left;
    if (left.size() < 34)
      left.resize(34, ' ');
    else
      left += "\n" + std::string(34, ' ');
    out += left + std::string(help) + "\n";
  };
  for (const Setting& s : kSettings)
    add("--" + std::string(s.name) + (s.arg.empty() ? "" : " " + std::string(s.arg)), s.help);
  add("--config FILE", "read settings from a YAML file");
  add("--help", "show this text");
  add("--version", "show the version");
  out +=
      "\n"
      "Durations are written 500ms, 2s, 10m, 1h. Signals: SIGHUP reloads the zones\n"
      "directory, SIGTERM and SIGINT stop. Logs: one JSON object per line on stderr.\n"
      "Exit status: 0 stopped by a signal, 1 runtime failure, 2 bad usage or bad\n"
      "configuration.\n";
  return out;
}

}  // namespace flipdns::daemon
