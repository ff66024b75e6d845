// flipdns-auth as a whole: load the zones, bind every socket, start the workers,
// then wait on the main thread's loop for signals (SIGHUP reloads the zones,
// SIGTERM and SIGINT stop everything).
#pragma once

#include "resolver/server/logger.h"
#include "resolver/server/options.h"

namespace flipdns::server {

// Returns the process exit status: 0 after a clean stop, 1 when serving could not
// start (a socket would not bind), 2 for bad configuration (a zone with an error).
int run_auth_server(const Options& options, Logger& log);

}  // namespace flipdns::server
