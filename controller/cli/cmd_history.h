// `flipctl history [--limit N] [GROUP]`: the audit log, newest first
// (GET /v1/audit): every decision's time, group, change, actor and reason.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "controller/cli/command.h"

namespace flipdns::cli {

int run_history(const CommandContext& ctx, const std::vector<std::string>& args);

// The entries of an audit answer, only `group`'s when given, at most `limit`, as a table.
std::string format_history(const nlohmann::json& answer, const std::optional<std::string>& group,
                           std::optional<std::size_t> limit = std::nullopt);

// The entries of an audit answer (`{"entries": [...]}` or a bare list), only
// `group`'s when given, at most `limit`. Kept as the controller sent them for --json.
nlohmann::json audit_entries(const nlohmann::json& answer, const std::optional<std::string>& group,
                             std::optional<std::size_t> limit = std::nullopt);

inline constexpr Command kHistoryCommand{
    "history", "history [--limit N] [GROUP]",
    "show the audit log, newest first: who changed what, when and why",
    "Every decision the controller made or was told to make: automatic failovers,\n"
    "manual flips, pins and unpins, with the time, the group, the change of pool,\n"
    "the actor (\"controller\" for automatic decisions) and the reason.\n"
    "\n"
    "Options:\n"
    "  --limit N   at most N entries (default: the controller's page, 50)\n"
    "  --json      print the controller's answer (filtered to GROUP when given)\n"
    "\n"
    "Needs a read or operator token.\n",
    &run_history};

}  // namespace flipdns::cli
