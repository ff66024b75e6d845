// `flipctl pin GROUP POOL --for D [--reason R]`: hold POOL until D has passed
// or an operator unpins (PUT /v1/groups/{group}/pin).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "controller/cli/command.h"

namespace flipdns::cli {

int run_pin(const CommandContext& ctx, const std::vector<std::string>& args);

// "app.example.com.: pinned to standby until 2024-01-01T00:30:00Z"
std::string format_pin(const std::string& group, const std::string& pool,
                       const nlohmann::json& answer);

inline constexpr Command kPinCommand{
    "pin", "pin GROUP POOL --for D [--reason R]",
    "serve POOL for GROUP whatever health says, until D has passed or `unpin`",
    "The pinned pool is served at once and held: health checks, hold-down and\n"
    "failback do not move the group while the pin holds. If the pool has no\n"
    "healthy member all its members are served (and an alert is raised). The pin\n"
    "expires after D (wall-clock time, kept across controller restarts); `flipctl\n"
    "unpin GROUP` ends it sooner. Pinning again replaces the pin.\n"
    "\n"
    "Options:\n"
    "  --for D      how long: 30m, 2h, 1h30m (required)\n"
    "  --reason R   why, in words, for the audit log\n"
    "  --json       print the controller's answer as is\n"
    "\n"
    "Needs an operator token.\n",
    &run_pin};

}  // namespace flipdns::cli
