#include "controller/publish/decision_wire.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace flipdns::publish {
namespace {

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::string_view trim_slash(std::string_view base) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return base;
}

}  // namespace

bool same_content(const WireDecision& a, const WireDecision& b) {
  return a.pool == b.pool && sorted(a.members) == sorted(b.members);
}

std::string put_body(const WireDecision& d) {
  return nlohmann::json{{"pool", d.pool}, {"members", d.members}, {"epoch", d.epoch}}.dump();
}

std::optional<std::vector<WireDecision>> parse_decisions(std::string_view body,
                                                         std::string& error) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("decisions") ||
      !j["decisions"].is_array()) {
    error = "expected {\"decisions\": [...]}";
    return std::nullopt;
  }
  std::vector<WireDecision> out;
  for (const auto& d : j["decisions"]) {
    if (!d.is_object() || !d.contains("group") || !d["group"].is_string() || !d.contains("pool") ||
        !d["pool"].is_string() || !d.contains("members") || !d["members"].is_array() ||
        !d.contains("epoch") || !d["epoch"].is_number_unsigned()) {
      error = "a decision needs group, pool, members and an unsigned epoch: " + d.dump();
      return std::nullopt;
    }
    WireDecision w;
    w.group = d["group"].get<std::string>();
    w.pool = d["pool"].get<std::string>();
    for (const auto& m : d["members"]) {
      if (!m.is_string()) {
        error = "members must be strings: " + d.dump();
        return std::nullopt;
      }
      w.members.push_back(m.get<std::string>());
    }
    w.epoch = d["epoch"].get<uint64_t>();
    out.push_back(std::move(w));
  }
  return out;
}

std::string decisions_url(std::string_view base) {
  return std::string(trim_slash(base)) + "/v1/decisions";
}

std::string decision_url(std::string_view base, std::string_view group) {
  std::string out = decisions_url(base) + "/";
  for (unsigned char c : group) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

}  // namespace flipdns::publish
