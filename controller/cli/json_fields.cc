#include "controller/cli/json_fields.h"

namespace flipdns::cli {
namespace {

const nlohmann::json& null_json() {
  static const nlohmann::json kNull;
  return kNull;
}

const nlohmann::json& empty_array() {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  return kEmpty;
}

}  // namespace

const nlohmann::json& field(const nlohmann::json& j, std::initializer_list<std::string_view> keys) {
  if (!j.is_object()) return null_json();
  for (std::string_view k : keys) {
    auto it = j.find(k);
    if (it != j.end() && !it->is_null()) return *it;
  }
  return null_json();
}

std::string field_text(const nlohmann::json& j, std::initializer_list<std::string_view> keys,
                       std::string_view fallback) {
  const nlohmann::json& v = field(j, keys);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number() || v.is_boolean()) return v.dump();
  return std::string(fallback);
}

const nlohmann::json& list_of(const nlohmann::json& j,
                              std::initializer_list<std::string_view> keys) {
  if (j.is_array()) return j;
  if (!j.is_object()) return empty_array();
  for (std::string_view k : keys) {
    auto it = j.find(k);
    if (it != j.end() && it->is_array()) return *it;
  }
  return empty_array();
}

std::string join_members(const nlohmann::json& members) {
  if (!members.is_array()) return "-";
  std::string out;
  for (const auto& m : members) {
    std::string a = m.is_string() ? m.get<std::string>() : field_text(m, {"address", "member"});
    if (!out.empty()) out += ", ";
    out += a;
  }
  return out.empty() ? "-" : out;
}

}  // namespace flipdns::cli
