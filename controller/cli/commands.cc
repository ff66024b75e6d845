#include "controller/cli/cmd_flip.h"
#include "controller/cli/cmd_history.h"
#include "controller/cli/cmd_lint.h"
#include "controller/cli/cmd_pin.h"
#include "controller/cli/cmd_servers.h"
#include "controller/cli/cmd_status.h"
#include "controller/cli/cmd_unpin.h"
#include "controller/cli/command.h"

namespace flipdns::cli {

std::span<const Command> commands() {
  static constexpr Command kCommands[] = {
      kStatusCommand,  kFlipCommand,    kPinCommand,  kUnpinCommand,
      kHistoryCommand, kServersCommand, kLintCommand,
  };
  return kCommands;
}

}  // namespace flipdns::cli
