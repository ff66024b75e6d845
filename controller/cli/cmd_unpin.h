// `flipctl unpin GROUP`: end a pin (DELETE /v1/groups/{group}/pin); automatic
// rules resume from the pinned pool.
#pragma once

#include <string>
#include <vector>

#include "controller/cli/command.h"

namespace flipdns::cli {

int run_unpin(const CommandContext& ctx, const std::vector<std::string>& args);

inline constexpr Command kUnpinCommand{
    "unpin", "unpin GROUP", "end GROUP's pin; automatic rules resume from the pinned pool",
    "The group stays on the pool it was pinned to until the automatic rules move\n"
    "it: with failback `manual` a group left on a healthy standby stays there.\n"
    "\n"
    "Options:\n"
    "  --json   print the controller's answer as is\n"
    "\n"
    "Needs an operator token.\n",
    &run_unpin};

}  // namespace flipdns::cli
