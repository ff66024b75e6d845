#include "controller/cli/cmd_flip.h"

#include "controller/cli/command_args.h"
#include "controller/cli/controller_client.h"
#include "controller/cli/group_name.h"
#include "controller/cli/json_fields.h"

namespace flipdns::cli {

std::string format_decision_change(const std::string& group, const std::string& pool,
                                   const nlohmann::json& answer) {
  const nlohmann::json& d = field(answer, {"decision"});
  const nlohmann::json& src = d.is_object() ? d : answer;
  // "changed": false when the pool was already served as asked (no new epoch).
  const nlohmann::json& changed = field(answer, {"changed"});
  const bool same = changed.is_boolean() && !changed.get<bool>();
  std::string out =
      group + (same ? ": already serving " : ": now serving ") + field_text(src, {"pool"}, pool);
  if (const nlohmann::json& m = field(src, {"members"}); m.is_array())
    out += " (" + join_members(m) + ")";
  if (std::string epoch = field_text(src, {"epoch"}, ""); !epoch.empty()) out += ", epoch " + epoch;
  return out + "\n";
}

int run_flip(const CommandContext& ctx, const std::vector<std::string>& args) {
  auto parsed = parse_command_args(args, {"--reason"});
  if (auto* e = std::get_if<UsageError>(&parsed)) return usage_error(ctx, kFlipCommand, e->message);
  const CommandArgs& a = std::get<CommandArgs>(parsed);
  if (a.positional.size() != 2) return usage_error(ctx, kFlipCommand, "give a GROUP and a POOL");
  if (a.get("--reason").empty())
    return usage_error(ctx, kFlipCommand, "--reason is required (it goes to the audit log)");

  auto client = open_controller(ctx);
  if (auto* f = std::get_if<Failure>(&client)) return report(ctx, *f);
  const std::string group = normalize_group(a.positional[0]);
  const std::string& pool = a.positional[1];
  nlohmann::json body{{"pool", pool}, {"reason", a.get("--reason")}};
  ApiResult r = std::get<ControllerClient>(client).call(
      "POST", "/v1/groups/" + path_segment(group) + "/flip", body, group);
  if (auto* f = std::get_if<Failure>(&r)) return report(ctx, *f);
  if (ctx.global.json)
    print_json(ctx, std::get<nlohmann::json>(r));
  else
    ctx.out << format_decision_change(group, pool, std::get<nlohmann::json>(r));
  return kExitOk;
}

}  // namespace flipdns::cli
