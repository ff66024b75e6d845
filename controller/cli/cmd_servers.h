// `flipctl servers`: each flipdns-auth the controller publishes to, and
// whether it holds the controller's decisions (GET /v1/servers).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "controller/cli/command.h"

namespace flipdns::cli {

int run_servers(const CommandContext& ctx, const std::vector<std::string>& args);

std::string format_servers(const nlohmann::json& answer);

inline constexpr Command kServersCommand{
    "servers", "servers", "show each auth server's sync state",
    "One line per flipdns-auth control endpoint (--auth-server of the controller):\n"
    "its sync state (in sync, behind N groups, unreachable), when it last answered\n"
    "well, and the last error.\n"
    "\n"
    "Options:\n"
    "  --json   print the controller's answer as is\n"
    "\n"
    "Needs a read or operator token.\n",
    &run_servers};

}  // namespace flipdns::cli
