// `flipctl flip GROUP POOL --reason R`: serve POOL now (POST
// /v1/groups/{group}/flip). One decision, not a pin: the automatic rules go on
// afterwards under the group's hold-down and failback policy.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "controller/cli/command.h"

namespace flipdns::cli {

int run_flip(const CommandContext& ctx, const std::vector<std::string>& args);

// "app.example.com.: now serving standby (198.51.100.10), epoch 12" from the
// controller's answer; what was asked when the answer says less.
std::string format_decision_change(const std::string& group, const std::string& pool,
                                   const nlohmann::json& answer);

inline constexpr Command kFlipCommand{
    "flip", "flip GROUP POOL --reason R",
    "serve POOL for GROUP now (one decision; automatic rules continue afterwards)",
    "GROUP is the group's full name; the trailing dot may be left out. The flip\n"
    "happens at once, whatever the health checks say and regardless of hold-down,\n"
    "and starts a new hold-down. It is not a pin: with failback `auto` the group\n"
    "returns to the better pool when the policy allows; `flipctl pin` holds a pool.\n"
    "A flip while a pin holds is refused (409); unpin first.\n"
    "\n"
    "Options:\n"
    "  --reason R   why, in words; required, it goes to the audit log\n"
    "  --json       print the controller's answer as is\n"
    "\n"
    "Needs an operator token.\n",
    &run_flip};

}  // namespace flipdns::cli
