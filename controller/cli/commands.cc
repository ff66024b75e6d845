#include "controller/cli/cmd_lint.h"
#include "controller/cli/command.h"

namespace flipdns::cli {

std::span<const Command> commands() {
  // status, flip, pin, unpin, history and servers join here as they are written.
  static constexpr Command kCommands[] = {
      kLintCommand,
  };
  return kCommands;
}

}  // namespace flipdns::cli
