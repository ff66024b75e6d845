#include "controller/cli/cmd_lint.h"

namespace flipdns::cli {
namespace {

std::string count(std::size_t n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

}  // namespace

std::string lint_summary(const std::string& dir, const zones::LoadResult& result) {
  std::string label = dir;
  if (!label.ends_with("/")) label += '/';
  return label + ": " + count(result.config.zones.size(), "zone") + ", " +
         count(result.config.group_count(), "group") + ", " + count(result.errors.size(), "error");
}

nlohmann::json lint_report_json(const std::string& dir, const zones::LoadResult& result) {
  nlohmann::json zones = nlohmann::json::array();
  for (const zones::ZoneConfig& z : result.config.zones) {
    nlohmann::json groups = nlohmann::json::array();
    for (const zones::Group& g : z.groups) groups.push_back(g.name);
    zones.push_back({{"zone", z.has_origin() ? nlohmann::json(z.name) : nlohmann::json(nullptr)},
                     {"file", z.file},
                     {"groups", groups}});
  }
  nlohmann::json errors = nlohmann::json::array();
  for (const zones::ConfigError& e : result.errors)
    errors.push_back(
        {{"file", e.file}, {"line", e.line}, {"column", e.column}, {"message", e.message}});
  return {{"dir", dir},
          {"ok", result.ok()},
          {"commit",
           result.config.commit ? nlohmann::json(*result.config.commit) : nlohmann::json(nullptr)},
          {"zone_count", result.config.zones.size()},
          {"group_count", result.config.group_count()},
          {"error_count", result.errors.size()},
          {"zones", zones},
          {"errors", errors}};
}

int run_lint(const CommandContext& ctx, const std::vector<std::string>& args) {
  std::vector<std::string> dirs;
  for (const std::string& a : args) {
    if (a.starts_with("-")) {
      ctx.err << "flipctl lint: unknown option " << a << "\nusage: flipctl "
              << kLintCommand.synopsis << "\n";
      return kExitUsage;
    }
    dirs.push_back(a);
  }
  if (dirs.size() != 1) {
    ctx.err << "flipctl lint: " << (dirs.empty() ? "no directory given" : "give one directory")
            << "\nusage: flipctl " << kLintCommand.synopsis << "\n";
    return kExitUsage;
  }
  zones::LoadResult result = zones::load_config_dir(dirs[0]);
  for (const zones::ConfigError& e : result.errors) ctx.err << e.to_string() << "\n";
  if (ctx.global.json)
    ctx.out << lint_report_json(dirs[0], result).dump(2) << "\n";
  else
    ctx.out << lint_summary(dirs[0], result) << "\n";
  return result.ok() ? kExitOk : kExitUsage;
}

}  // namespace flipdns::cli
