#include "resolver/decisions/decision.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace flipdns::decisions {

nlohmann::json to_json(const Decision& d) {
  return {{"group", d.group}, {"pool", d.pool}, {"members", d.members}, {"epoch", d.epoch}};
}

std::optional<Decision> decision_from_json(const nlohmann::json& j, const std::string& group,
                                           std::string& error) {
  if (!j.is_object()) {
    error = "a decision is a JSON object";
    return std::nullopt;
  }
  Decision d;
  d.group = group;
  if (group.empty()) {
    auto g = j.find("group");
    if (g == j.end() || !g->is_string()) {
      error = "\"group\" must be a string";
      return std::nullopt;
    }
    d.group = g->get<std::string>();
  }
  auto pool = j.find("pool");
  if (pool == j.end() || !pool->is_string() || pool->get<std::string>().empty()) {
    error = "\"pool\" must be a non-empty string";
    return std::nullopt;
  }
  d.pool = pool->get<std::string>();
  auto members = j.find("members");
  if (members == j.end() || !members->is_array()) {
    error = "\"members\" must be an array of addresses";
    return std::nullopt;
  }
  for (const auto& m : *members) {
    if (!m.is_string()) {
      error = "\"members\" must be an array of addresses";
      return std::nullopt;
    }
    d.members.push_back(m.get<std::string>());
  }
  auto epoch = j.find("epoch");
  if (epoch == j.end() || !epoch->is_number_unsigned()) {
    error = "\"epoch\" must be an unsigned 64-bit integer";
    return std::nullopt;
  }
  d.epoch = epoch->get<uint64_t>();
  for (const auto& [key, value] : j.items()) {
    if (key != "group" && key != "pool" && key != "members" && key != "epoch") {
      error = "unknown key \"" + key + "\"";
      return std::nullopt;
    }
  }
  return d;
}

}  // namespace flipdns::decisions
