// flipctl from argv to exit status: global options, help, then the command.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "controller/cli/cli_options.h"
#include "controller/cli/http_client.h"

namespace flipdns::cli {

// `argv` without the program name. Writes results to `out`, diagnostics to `err`.
// Requests to the controller go through `http`.
int run_flipctl(const std::vector<std::string>& argv, const Environment& env, std::ostream& out,
                std::ostream& err, HttpClient& http);

// The same with libcurl.
int run_flipctl(const std::vector<std::string>& argv, const Environment& env, std::ostream& out,
                std::ostream& err);

}  // namespace flipdns::cli
