#include "controller/cli/dispatch.h"

#include <algorithm>

#include "controller/cli/command.h"

namespace flipdns::cli {
namespace {

const Command* find_command(std::string_view name) {
  for (const Command& c : commands())
    if (c.name == name) return &c;
  return nullptr;
}

void print_usage(std::ostream& os) {
  os << "usage: flipctl [--controller URL] [--token TOKEN] [--json] COMMAND [ARGS...]\n"
        "\n"
        "Commands:\n";
  std::size_t width = 0;
  for (const Command& c : commands()) width = std::max(width, c.synopsis.size());
  for (const Command& c : commands())
    os << "  " << c.synopsis << std::string(width - c.synopsis.size() + 2, ' ') << c.summary
       << "\n";
  os << "\n"
        "Options (anywhere on the line):\n"
        "  --controller URL   the controller's base URL (default: $FLIPDNS_CONTROLLER)\n"
        "  --token TOKEN      bearer token for the controller (default: $FLIPDNS_TOKEN)\n"
        "  --token-file FILE  read the token from FILE's first line instead\n"
        "  --ca-file FILE     CA certificates for an https:// controller\n"
        "  --timeout D        give up on a request after D (default 10s)\n"
        "  --json             print results as JSON (the controller's own answer)\n"
        "  -h, --help         this help; `flipctl COMMAND --help` for one command\n"
        "\n"
        "Exit status: 0 success, 1 runtime failure, 2 bad usage or bad configuration.\n";
}

void print_command_help(std::ostream& os, const Command& c) {
  os << "usage: flipctl " << c.synopsis << "\n\n" << c.summary << "\n\n" << c.help;
}

}  // namespace

int run_flipctl(const std::vector<std::string>& argv, const Environment& env, std::ostream& out,
                std::ostream& err) {
  CurlHttpClient http;
  return run_flipctl(argv, env, out, err, http);
}

int run_flipctl(const std::vector<std::string>& argv, const Environment& env, std::ostream& out,
                std::ostream& err, HttpClient& http) {
  auto parsed = parse_command_line(argv, env);
  if (auto* e = std::get_if<UsageError>(&parsed)) {
    err << "flipctl: " << e->message << "\n";
    print_usage(err);
    return kExitUsage;
  }
  CommandLine& cl = std::get<CommandLine>(parsed);
  // `flipctl help [COMMAND]` reads like `flipctl [COMMAND] --help`.
  if (cl.command == "help") {
    cl.global.help = true;
    cl.command = cl.args.empty() ? "" : cl.args.front();
    cl.args.clear();
  }
  if (cl.command.empty()) {
    if (cl.global.help) {
      print_usage(out);
      return kExitOk;
    }
    err << "flipctl: no command given\n";
    print_usage(err);
    return kExitUsage;
  }
  const Command* cmd = find_command(cl.command);
  if (cmd == nullptr) {
    err << "flipctl: unknown command \"" << cl.command << "\"\n";
    print_usage(err);
    return kExitUsage;
  }
  if (cl.global.help) {
    print_command_help(out, *cmd);
    return kExitOk;
  }
  return cmd->run(CommandContext{cl.global, out, err, http}, cl.args);
}

}  // namespace flipdns::cli
