#include "controller/cli/cmd_unpin.h"

#include "controller/cli/command_args.h"
#include "controller/cli/controller_client.h"
#include "controller/cli/group_name.h"
#include "controller/cli/json_fields.h"

namespace flipdns::cli {

int run_unpin(const CommandContext& ctx, const std::vector<std::string>& args) {
  auto parsed = parse_command_args(args, {});
  if (auto* e = std::get_if<UsageError>(&parsed))
    return usage_error(ctx, kUnpinCommand, e->message);
  const CommandArgs& a = std::get<CommandArgs>(parsed);
  if (a.positional.size() != 1) return usage_error(ctx, kUnpinCommand, "give one GROUP");

  auto client = open_controller(ctx);
  if (auto* f = std::get_if<Failure>(&client)) return report(ctx, *f);
  const std::string group = normalize_group(a.positional[0]);
  ApiResult r = std::get<ControllerClient>(client).call(
      "DELETE", "/v1/groups/" + path_segment(group) + "/pin", std::nullopt, group);
  if (auto* f = std::get_if<Failure>(&r)) return report(ctx, *f);
  const nlohmann::json& j = std::get<nlohmann::json>(r);
  if (ctx.global.json)
    print_json(ctx, j);
  else if (const nlohmann::json& u = field(j, {"unpinned"}); u.is_boolean() && !u.get<bool>())
    ctx.out << group << ": had no pin\n";  // unpin is idempotent
  else
    ctx.out << group << ": unpinned\n";
  return kExitOk;
}

}  // namespace flipdns::cli
