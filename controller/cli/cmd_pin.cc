#include "controller/cli/cmd_pin.h"

#include "common/settings/duration.h"
#include "controller/cli/command_args.h"
#include "controller/cli/controller_client.h"
#include "controller/cli/group_name.h"
#include "controller/cli/json_fields.h"

namespace flipdns::cli {

std::string format_pin(const std::string& group, const std::string& pool,
                       const nlohmann::json& answer) {
  const nlohmann::json& p = field(answer, {"pin"});
  const nlohmann::json& src = p.is_object() ? p : answer;
  std::string out = group + ": pinned to " + field_text(src, {"pool"}, pool);
  if (std::string until = field_text(src, {"until", "expires"}, ""); !until.empty())
    out += " until " + until;
  return out + "\n";
}

int run_pin(const CommandContext& ctx, const std::vector<std::string>& args) {
  auto parsed = parse_command_args(args, {"--for", "--reason"});
  if (auto* e = std::get_if<UsageError>(&parsed)) return usage_error(ctx, kPinCommand, e->message);
  const CommandArgs& a = std::get<CommandArgs>(parsed);
  if (a.positional.size() != 2) return usage_error(ctx, kPinCommand, "give a GROUP and a POOL");
  if (!a.has("--for"))
    return usage_error(ctx, kPinCommand, "--for is required: how long the pin holds (30m, 2h)");
  auto d = parse_duration(a.get("--for"));
  if (!d || d->count() <= 0)
    return usage_error(
        ctx, kPinCommand,
        "--for: \"" + a.get("--for") + "\" is not a duration (write 30m, 2h, 1h30m)");

  auto client = open_controller(ctx);
  if (auto* f = std::get_if<Failure>(&client)) return report(ctx, *f);
  const std::string group = normalize_group(a.positional[0]);
  const std::string& pool = a.positional[1];
  nlohmann::json body{{"pool", pool}, {"for", a.get("--for")}};
  if (a.has("--reason")) body["reason"] = a.get("--reason");
  ApiResult r = std::get<ControllerClient>(client).call(
      "PUT", "/v1/groups/" + path_segment(group) + "/pin", body, group);
  if (auto* f = std::get_if<Failure>(&r)) return report(ctx, *f);
  if (ctx.global.json)
    print_json(ctx, std::get<nlohmann::json>(r));
  else
    ctx.out << format_pin(group, pool, std::get<nlohmann::json>(r));
  return kExitOk;
}

}  // namespace flipdns::cli
