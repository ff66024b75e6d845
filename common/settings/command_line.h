// A program's command line and --config file, parsed against its table of
// settings (setting.h). Flags are checked first, then the file is read, then the
// flags are applied over it: flags win, and a repeatable flag replaces the
// file's list. --help and --version win over everything, errors included:
// someone asking for help should get it.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/settings/config_file.h"
#include "common/settings/setting.h"
#include "common/settings/source.h"

namespace flipdns::settings {

enum class Command { kRun, kHelp, kVersion };

template <class Options>
struct CommandLine {
  Command command = Command::kRun;
  Options options;
};

// kHelp for "--help" or "-h", kVersion for "--version", wherever they are.
Command requested_command(const std::vector<std::string>& args);

struct Flag {
  std::string_view name;             // without "--"
  std::optional<std::string> value;  // from "--name=value"
};

// "--name" or "--name=value"; anything else is an unexpected argument.
Flag split_flag(const std::string& arg);

// The word after args[i], which is flag `name` taking a value that looks like
// `arg`; advances i.
std::string next_value(const std::vector<std::string>& args, std::size_t& i, std::string_view name,
                       std::string_view arg);

// Applies the entries of the config file at `path` to `o`; relative paths are
// taken from the file's directory.
template <class Options>
void apply_config_file(Options& o, const std::string& path,
                       std::type_identity_t<std::span<const Setting<Options>>> table,
                       const ConfigRules& rules) {
  Source src{std::filesystem::path(path).parent_path(), "", ""};
  std::set<std::string> seen;
  for (const ConfigEntry& e : read_config_file(path, rules)) {
    if (!e.key_error.empty()) throw UsageError(e.key_error);
    const std::string& at = rules.key_errors_at_value ? e.where : e.key_where;
    const Setting<Options>* s = find_setting(table, e.key);
    if (s == nullptr) throw UsageError(at + ": unknown key '" + e.key + "'");
    if (!seen.insert(e.key).second) throw UsageError(at + ": '" + e.key + "' given twice");
    if (e.list && !s->repeatable() && !(rules.one_item_list_is_a_value && e.values.size() == 1))
      throw UsageError(e.where + ": '" + e.key + "' takes one value, not a list");
    src.where = e.where + ": ";
    src.key = s->name;
    for (const std::string& v : e.values) s->apply(o, src, v);
    // After the items before it, as if the list were read one item at a time.
    if (!e.value_error.empty()) throw UsageError(e.value_error);
  }
}

// `args` excludes the program name. `defaults` are the options before the file
// and the flags; `config_file` is set to the --config file read. Checks across
// settings ("--control needs --control-token-file") are the caller's, after
// this. Throws UsageError.
template <class Options>
requires requires(Options& o, const std::string& s) {
  o.config_file = s;
}
CommandLine<Options> parse_command_line(
    const std::vector<std::string>& args,
    std::type_identity_t<std::span<const Setting<Options>>> table, const ConfigRules& rules,
    Options defaults) {
  CommandLine<Options> cl;
  cl.command = requested_command(args);
  if (cl.command != Command::kRun) return cl;

  struct FlagValue {
    const Setting<Options>* setting;
    std::string value;
  };
  std::vector<FlagValue> flags;
  std::string config_file;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto [name, value] = split_flag(args[i]);
    if (name == "config") {
      config_file = value ? *value : next_value(args, i, name, "FILE");
      continue;
    }
    const Setting<Options>* s = find_setting(table, name);
    if (s == nullptr) throw UsageError("unknown flag '--" + std::string(name) + "'");
    if (!value && s->is_switch()) value = "true";
    flags.push_back({s, value ? *value : next_value(args, i, name, s->arg)});
  }

  cl.options = std::move(defaults);
  if (!config_file.empty()) {
    cl.options.config_file = config_file;
    apply_config_file(cl.options, config_file, table, rules);
  }
  std::set<const Setting<Options>*> replaced;
  for (const FlagValue& f : flags) {
    if (f.setting->repeatable() && replaced.insert(f.setting).second) f.setting->clear(cl.options);
    f.setting->apply(cl.options, Source{{}, "", f.setting->name}, f.value);
  }
  return cl;
}

}  // namespace flipdns::settings
