#include "controller/cli/cmd_history.h"

#include <charconv>

#include "controller/cli/command_args.h"
#include "controller/cli/controller_client.h"
#include "controller/cli/group_name.h"
#include "controller/cli/json_fields.h"
#include "controller/cli/text_table.h"

namespace flipdns::cli {
namespace {

using nlohmann::json;

// The controller's largest audit page (api/requests.h kMaxAuditLimit).
constexpr unsigned kGroupPage = 1000;

std::optional<unsigned> positive(const std::string& s) {
  unsigned v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v == 0) return std::nullopt;
  return v;
}

}  // namespace

json audit_entries(const json& answer, const std::optional<std::string>& group,
                   std::optional<std::size_t> limit) {
  json out = json::array();
  for (const json& e : list_of(answer, {"entries", "audit", "items"})) {
    if (limit && out.size() >= *limit) break;
    if (!group || field_text(e, {"group"}, "") == *group) out.push_back(e);
  }
  return out;
}

std::string format_history(const json& answer, const std::optional<std::string>& group,
                           std::optional<std::size_t> limit) {
  TextTable t({"TIME", "GROUP", "KIND", "CHANGE", "ACTOR", "REASON"});
  for (const json& e : audit_entries(answer, group, limit)) {
    std::string from = field_text(e, {"from"}), to = field_text(e, {"to"});
    std::string change = from == to ? to : from + " → " + to;
    t.add({field_text(e, {"time", "at"}), field_text(e, {"group"}), field_text(e, {"kind"}), change,
           field_text(e, {"actor"}), field_text(e, {"reason"}, "")});
  }
  if (t.empty()) return group ? "no audit entries for " + *group + "\n" : "no audit entries\n";
  return t.render();
}

int run_history(const CommandContext& ctx, const std::vector<std::string>& args) {
  auto parsed = parse_command_args(args, {"--limit"});
  if (auto* e = std::get_if<UsageError>(&parsed))
    return usage_error(ctx, kHistoryCommand, e->message);
  const CommandArgs& a = std::get<CommandArgs>(parsed);
  if (a.positional.size() > 1) return usage_error(ctx, kHistoryCommand, "give at most one GROUP");
  std::optional<unsigned> limit;
  if (a.has("--limit")) {
    limit = positive(a.get("--limit"));
    if (!limit)
      return usage_error(ctx, kHistoryCommand,
                         "--limit: \"" + a.get("--limit") + "\" is not a positive whole number");
  }
  std::optional<std::string> group;
  if (!a.positional.empty()) group = normalize_group(a.positional.front());

  auto client = open_controller(ctx);
  if (auto* f = std::get_if<Failure>(&client)) return report(ctx, *f);
  // The audit API pages through every group; for one group, ask for the
  // largest page and keep that group's entries (up to --limit of them).
  std::string query = "limit=" + std::to_string(group ? kGroupPage : limit.value_or(0));
  if (!group && !limit) query.clear();
  if (group) query += "&group=" + path_segment(*group);
  ApiResult r = std::get<ControllerClient>(client).get(
      "/v1/audit" + (query.empty() ? "" : "?" + query), group);
  if (auto* f = std::get_if<Failure>(&r)) return report(ctx, *f);
  const json& j = std::get<json>(r);
  if (ctx.global.json) {
    // Without a group the answer is printed as it came (paging fields included).
    if (!group) {
      print_json(ctx, j);
    } else {
      json filtered = j.is_object() ? j : json::object();
      filtered["entries"] = audit_entries(j, group, limit);
      print_json(ctx, filtered);
    }
  } else {
    ctx.out << format_history(j, group, limit);
  }
  return kExitOk;
}

}  // namespace flipdns::cli
