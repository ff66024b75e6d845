// flipctl: the operator's command line for flipdns (DESIGN.md, "flipctl").
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "controller/cli/dispatch.h"

namespace {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  flipdns::cli::Environment e{env("FLIPDNS_CONTROLLER"), env("FLIPDNS_TOKEN")};
  return flipdns::cli::run_flipctl(args, e, std::cout, std::cerr);
}
