#include "common/settings/command_line.h"

namespace flipdns::settings {

Command requested_command(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") return Command::kHelp;
    if (a == "--version") return Command::kVersion;
  }
  return Command::kRun;
}

Flag split_flag(const std::string& arg) {
  std::string_view a = arg;
  if (!a.starts_with("--")) throw UsageError("unexpected argument '" + arg + "'");
  Flag f{a.substr(2), std::nullopt};
  if (auto eq = f.name.find('='); eq != std::string_view::npos) {
    f.value = std::string(f.name.substr(eq + 1));
    f.name = f.name.substr(0, eq);
  }
  return f;
}

std::string next_value(const std::vector<std::string>& args, std::size_t& i, std::string_view name,
                       std::string_view arg) {
  if (i + 1 == args.size())
    throw UsageError("--" + std::string(name) + " needs a value: " + std::string(arg));
  return args[++i];
}

}  // namespace flipdns::settings
