// `flipctl lint DIR`: the zone validation the servers run on load, from the
// command line, for pre-commit hooks and CI. No controller needed.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "controller/cli/command.h"
#include "zones/config_dir.h"

namespace flipdns::cli {

int run_lint(const CommandContext& ctx, const std::vector<std::string>& args);

// "zones/: 2 zones, 6 groups, 0 errors"
std::string lint_summary(const std::string& dir, const zones::LoadResult& result);

// {"dir", "ok", "commit", "zone_count", "group_count", "error_count",
//  "zones": [{"zone", "file", "groups": [...]}], "errors": [{"file", "line", "column", "message"}]}
nlohmann::json lint_report_json(const std::string& dir, const zones::LoadResult& result);

inline constexpr Command kLintCommand{
    "lint", "lint DIR",
    "check every zone file (*.yaml) in DIR as flipdns-auth and flipdns-controller would load it",
    "Reads and validates the whole directory and prints every problem, not just the first,\n"
    "as file:line:column: message on stderr, then a summary on stdout. Nothing is sent\n"
    "anywhere; no controller is needed. The schema is documented in zones/README.md.\n"
    "\n"
    "Options:\n"
    "  --json   print the report as JSON on stdout (errors still go to stderr)\n"
    "\n"
    "Exit status: 0 when the directory is good, 2 when anything is wrong.\n",
    &run_lint};

}  // namespace flipdns::cli
