// flipdns-auth: an authoritative DNS server. Everything lives in flipdns_server;
// this only turns argv into options and options into an exit status.
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "resolver/server/auth_server.h"
#include "resolver/server/options.h"

int main(int argc, char** argv) {
  using namespace flipdns;
  std::vector<std::string> args(argv + 1, argv + argc);
  server::CommandLine cl;
  try {
    cl = server::parse_command_line(args, std::thread::hardware_concurrency());
  } catch (const server::UsageError& e) {
    std::cerr << "flipdns-auth: " << e.what() << " (see flipdns-auth --help)\n";
    return 2;
  }
  if (cl.command == server::Command::kHelp) {
    std::cout << server::usage_text();
    return 0;
  }
  if (cl.command == server::Command::kVersion) {
    std::cout << "flipdns-auth " << FLIPDNS_VERSION << "\n";
    return 0;
  }
  Logger log(std::cerr, cl.options.log_level);
  return server::run_auth_server(cl.options, log);
}
