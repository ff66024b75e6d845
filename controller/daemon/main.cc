// flipdns-controller: health checks, failover decisions, the REST API and the
// publisher to every flipdns-auth. Everything lives in the libraries; this
// turns argv into options and options into an exit status.
#include <curl/curl.h>

#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "controller/daemon/daemon.h"
#include "controller/daemon/options.h"

int main(int argc, char** argv) {
  using namespace flipdns;
  std::vector<std::string> args(argv + 1, argv + argc);
  daemon::CommandLine cl;
  try {
    cl = daemon::parse_command_line(args);
  } catch (const daemon::UsageError& e) {
    std::cerr << "flipdns-controller: " << e.what() << " (see flipdns-controller --help)\n";
    return 2;
  }
  if (cl.command == daemon::Command::kHelp) {
    std::cout << daemon::usage_text();
    return 0;
  }
  if (cl.command == daemon::Command::kVersion) {
    std::cout << "flipdns-controller " << FLIPDNS_VERSION << "\n";
    return 0;
  }
  // A peer closing a connection must be an error on that connection, not
  // the end of the process.
  std::signal(SIGPIPE, SIG_IGN);
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    std::cerr << "flipdns-controller: cannot initialise libcurl\n";
    return 1;
  }
  Logger log(std::cerr, cl.options.log_level);
  const int status = daemon::run_controller(cl.options, log);
  curl_global_cleanup();
  return status;
}
