#include "controller/cli/cmd_status.h"

#include "controller/cli/command_args.h"
#include "controller/cli/controller_client.h"
#include "controller/cli/group_name.h"
#include "controller/cli/json_fields.h"
#include "controller/cli/text_table.h"

namespace flipdns::cli {
namespace {

using nlohmann::json;

bool is_healthy(const json& member) {
  if (!member.is_object()) return false;
  const json& h = field(member, {"health", "state", "status"});
  if (h.is_string()) return h == "healthy" || h == "up";
  const json& b = field(member, {"healthy", "up"});
  return b.is_boolean() && b.get<bool>();
}

const json& decision_of(const json& g) {
  return field(g, {"decision"});
}

std::string active_pool(const json& g) {
  std::string p = field_text(decision_of(g), {"pool"}, "");
  return p.empty() ? field_text(g, {"active_pool", "pool"}) : p;
}

std::string serving(const json& g) {
  const json& m = field(decision_of(g), {"members"});
  return join_members(m.is_null() ? field(g, {"members", "serving"}) : m);
}

std::string pin_text(const json& g) {
  const json& pin = field(g, {"pin"});
  if (!pin.is_object()) return "-";
  std::string out = field_text(pin, {"pool"});
  if (std::string until = field_text(pin, {"until", "expires"}, ""); !until.empty())
    out += " until " + until;
  return out;
}

std::string last_change(const json& g) {
  const json& lc = field(g, {"last_change"});
  const json& src = lc.is_object() ? lc : decision_of(g);
  std::string when = field_text(src, {"time", "at", "since"}, "");
  std::string who = field_text(src, {"actor", "by"}, "");
  // No time: no decision has been made yet (the servers' default is served).
  if (when.empty()) return "-";
  return who.empty() ? when : when + " by " + who;
}

std::vector<std::string> alert_lines(const json& g, const std::string& name) {
  std::vector<std::string> out;
  for (const json& a : list_of(field(g, {"alerts"}), {"alerts"})) {
    std::string text = a.is_string() ? a.get<std::string>()
                                     : field_text(a, {"kind"}) + ": " + field_text(a, {"message"});
    out.push_back("alert " + name + " " + text);
  }
  return out;
}

}  // namespace

std::string health_summary(const json& g) {
  std::string out;
  for (const json& p : list_of(field(g, {"pools"}), {"pools"})) {
    const json& members = field(p, {"members"});
    std::size_t healthy = 0, total = 0;
    if (members.is_array()) {
      for (const json& m : members) {
        ++total;
        if (is_healthy(m)) ++healthy;
      }
    }
    std::string counts = std::to_string(healthy) + "/" + std::to_string(total);
    // A controller may count for us (members given as plain addresses).
    if (const json& h = field(p, {"healthy"}); h.is_number_unsigned())
      counts = h.dump() + "/" + std::to_string(total);
    if (!out.empty()) out += ", ";
    out += field_text(p, {"name", "pool"}) + " " + counts;
  }
  return out.empty() ? "-" : out;
}

std::string format_status(const json& answer) {
  TextTable t({"GROUP", "POOL", "SERVING", "HEALTH", "PIN", "LAST CHANGE"});
  std::vector<std::string> alerts;
  for (const json& g : list_of(answer, {"groups"})) {
    std::string name = field_text(g, {"group", "name"});
    t.add({name, active_pool(g), serving(g), health_summary(g), pin_text(g), last_change(g)});
    for (std::string& a : alert_lines(g, name)) alerts.push_back(std::move(a));
  }
  if (t.empty()) return "no failover groups configured\n";
  std::string out = t.render();
  for (const std::string& a : alerts) out += a + "\n";
  return out;
}

std::string format_group(const json& g) {
  std::string name = field_text(g, {"group", "name"});
  const json& d = decision_of(g);
  std::string out = "group:     " + name + "\n";
  out += "pool:      " + active_pool(g) + "\n";
  out += "serving:   " + serving(g) + "\n";
  out += "epoch:     " + field_text(d, {"epoch"}) + "\n";
  out += "reason:    " + field_text(d, {"reason"}, field_text(g, {"reason"})) + "\n";
  // The latest evaluation, which may say more than the decision's reason
  // ("hold-down: ... flip allowed in 7s").
  if (std::string now = field_text(g, {"status"}, ""); !now.empty())
    out += "now:       " + now + "\n";
  if (const json& warm = field(g, {"warmed_up"}); warm.is_boolean() && !warm.get<bool>())
    out += "cold start: waiting for every member's first health evaluation\n";
  out += "pin:       " + pin_text(g) + "\n";
  out += "changed:   " + last_change(g) + "\n";
  TextTable t({"POOL", "MEMBER", "HEALTH", "LAST CHECK", "RESULT", "LATENCY", "ERROR"});
  for (const json& p : list_of(field(g, {"pools"}), {"pools"})) {
    std::string pool = field_text(p, {"name", "pool"});
    const json& members = field(p, {"members"});
    if (!members.is_array()) continue;
    for (const json& m : members) {
      if (m.is_string()) {
        t.add({pool, m.get<std::string>(), "-"});
        continue;
      }
      const json& checks = field(m, {"checks", "recent_checks", "last_checks"});
      const json& last =
          checks.is_array() && !checks.empty() ? checks.front() : field(m, {"last_check"});
      std::string result = field_text(last, {"result"});
      if (const json& ok = field(last, {"ok", "success"}); ok.is_boolean())
        result = ok.get<bool>() ? "ok" : "fail";
      std::string latency = field_text(last, {"latency"});
      if (const json& ms = field(last, {"latency_ms"}); ms.is_number()) latency = ms.dump() + "ms";
      t.add({pool, field_text(m, {"address", "member"}),
             field_text(m, {"health", "state", "status"}), field_text(last, {"time", "at"}), result,
             latency, field_text(last, {"error"}, "")});
    }
  }
  out += "\n" + t.render();
  for (const std::string& a : alert_lines(g, name)) out += a + "\n";
  return out;
}

int run_status(const CommandContext& ctx, const std::vector<std::string>& args) {
  auto parsed = parse_command_args(args, {});
  if (auto* e = std::get_if<UsageError>(&parsed))
    return usage_error(ctx, kStatusCommand, e->message);
  const CommandArgs& a = std::get<CommandArgs>(parsed);
  if (a.positional.size() > 1) return usage_error(ctx, kStatusCommand, "give at most one group");
  auto client = open_controller(ctx);
  if (auto* f = std::get_if<Failure>(&client)) return report(ctx, *f);
  ControllerClient& c = std::get<ControllerClient>(client);

  if (a.positional.empty()) {
    ApiResult r = c.get("/v1/groups");
    if (auto* f = std::get_if<Failure>(&r)) return report(ctx, *f);
    const json& j = std::get<json>(r);
    if (ctx.global.json)
      print_json(ctx, j);
    else
      ctx.out << format_status(j);
    return kExitOk;
  }
  std::string group = normalize_group(a.positional.front());
  ApiResult r = c.get("/v1/groups/" + path_segment(group), group);
  if (auto* f = std::get_if<Failure>(&r)) return report(ctx, *f);
  const json& j = std::get<json>(r);
  if (ctx.global.json)
    print_json(ctx, j);
  else
    ctx.out << format_group(j);
  return kExitOk;
}

}  // namespace flipdns::cli
