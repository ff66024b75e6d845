// `flipctl status [GROUP]`: what every group serves and why, from
// GET /v1/groups (or one group, with its members' recent checks, from
// GET /v1/groups/{group}).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "controller/cli/command.h"

namespace flipdns::cli {

int run_status(const CommandContext& ctx, const std::vector<std::string>& args);

// The table of every group (and a line per alert below it) from GET /v1/groups.
std::string format_status(const nlohmann::json& groups);

// One group in detail from GET /v1/groups/{group}.
std::string format_group(const nlohmann::json& group);

// "primary 2/2, standby 0/1": healthy members per pool.
std::string health_summary(const nlohmann::json& group);

inline constexpr Command kStatusCommand{
    "status", "status [GROUP]",
    "show each group's active pool, served members, health, pin and last change",
    "Without GROUP: one line per failover group. With GROUP (the trailing dot may\n"
    "be left out): its pools, each member's health and latest checks, the\n"
    "decision's reason, the pin and any alert.\n"
    "\n"
    "Columns: GROUP, POOL (the active pool), SERVING (the members answered),\n"
    "HEALTH (healthy members per pool), PIN, LAST CHANGE (time, by whom).\n"
    "Alerts (every pool down, a served pool with no healthy member) follow the table.\n"
    "\n"
    "Options:\n"
    "  --json   print the controller's answer as is\n"
    "\n"
    "Needs a read or operator token.\n",
    &run_status};

}  // namespace flipdns::cli
