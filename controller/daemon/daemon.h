// flipdns-controller from options to exit status: loads and checks the
// configuration (2 if bad), opens the state dir and the API listener (1 if it
// cannot), wires the loop, the checker, the publisher, the controller and the
// API together, and runs until SIGTERM or SIGINT (0).
#pragma once

#include "controller/daemon/options.h"
#include "resolver/server/logger.h"

namespace flipdns::daemon {

int run_controller(const Options& options, Logger& log);

}  // namespace flipdns::daemon
