#include "controller/cli/cmd_servers.h"

#include "controller/cli/command_args.h"
#include "controller/cli/controller_client.h"
#include "controller/cli/json_fields.h"
#include "controller/cli/text_table.h"

namespace flipdns::cli {

namespace {

// "in sync", "behind 2", "unreachable", or the controller's own word.
std::string sync_state(const nlohmann::json& s) {
  std::string state = field_text(s, {"state", "sync", "status"}, "");
  if (!state.empty()) return state;
  if (const nlohmann::json& r = field(s, {"reachable"}); r.is_boolean() && !r.get<bool>())
    return "unreachable";
  const nlohmann::json& b = field(s, {"in_sync"});
  if (!b.is_boolean()) return "-";
  if (b.get<bool>()) return "in sync";
  std::string behind = field_text(s, {"behind"}, "");
  return behind.empty() ? "out of sync" : "behind " + behind;
}

}  // namespace

std::string format_servers(const nlohmann::json& answer) {
  TextTable t({"SERVER", "STATE", "LAST OK", "ERROR"});
  for (const nlohmann::json& s : list_of(answer, {"servers"}))
    t.add({field_text(s, {"url", "server", "name"}), sync_state(s),
           field_text(s, {"last_ok", "last_sync", "last_success"}),
           field_text(s, {"last_error", "error"}, "")});
  if (t.empty()) return "no auth servers configured\n";
  return t.render();
}

int run_servers(const CommandContext& ctx, const std::vector<std::string>& args) {
  auto parsed = parse_command_args(args, {});
  if (auto* e = std::get_if<UsageError>(&parsed))
    return usage_error(ctx, kServersCommand, e->message);
  if (!std::get<CommandArgs>(parsed).positional.empty())
    return usage_error(ctx, kServersCommand, "takes no arguments");
  auto client = open_controller(ctx);
  if (auto* f = std::get_if<Failure>(&client)) return report(ctx, *f);
  ApiResult r = std::get<ControllerClient>(client).get("/v1/servers");
  if (auto* f = std::get_if<Failure>(&r)) return report(ctx, *f);
  if (ctx.global.json)
    print_json(ctx, std::get<nlohmann::json>(r));
  else
    ctx.out << format_servers(std::get<nlohmann::json>(r));
  return kExitOk;
}

}  // namespace flipdns::cli
