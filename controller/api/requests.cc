#include "controller/api/requests.h"

#include <charconv>
#include <initializer_list>

#include <nlohmann/json.hpp>

#include "common/settings/duration.h"

namespace flipdns::api {
namespace {

using nlohmann::json;

// The body as an object with only `allowed` keys (a misspelt "reson" must
// not pass silently).
std::optional<json> object(std::string_view body, std::initializer_list<const char*> allowed,
                           std::string& error) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    error = "the body must be a JSON object";
    return std::nullopt;
  }
  for (const auto& [key, value] : j.items()) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || key == a;
    if (!ok) {
      error = "unknown key \"" + key + "\"";
      return std::nullopt;
    }
  }
  return j;
}

bool string_field(const json& j, const char* key, bool required, std::string& out,
                  std::string& error) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) error = std::string("\"") + key + "\" is required";
    return !required;
  }
  if (!it->is_string()) {
    error = std::string("\"") + key + "\" must be a string";
    return false;
  }
  out = it->get<std::string>();
  if (required && out.empty()) {
    error = std::string("\"") + key + "\" must not be empty";
    return false;
  }
  return true;
}

bool number(std::string_view text, uint64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

Parsed<FlipRequest> parse_flip(std::string_view body) {
  Parsed<FlipRequest> p;
  auto j = object(body, {"pool", "reason"}, p.error);
  if (!j) return p;
  FlipRequest r;
  if (!string_field(*j, "pool", true, r.pool, p.error) ||
      !string_field(*j, "reason", false, r.reason, p.error))
    return p;
  p.value = std::move(r);
  return p;
}

Parsed<PinRequest> parse_pin(std::string_view body) {
  Parsed<PinRequest> p;
  auto j = object(body, {"pool", "for", "reason"}, p.error);
  if (!j) return p;
  PinRequest r;
  std::string duration;
  if (!string_field(*j, "pool", true, r.pool, p.error) ||
      !string_field(*j, "for", true, duration, p.error) ||
      !string_field(*j, "reason", false, r.reason, p.error))
    return p;
  auto d = parse_duration(duration);
  if (!d || d->count() <= 0) {
    p.error = "\"for\": '" + duration + "' is not a positive duration like 30m, 2h, 90s";
    return p;
  }
  r.duration = *d;
  p.value = std::move(r);
  return p;
}

Parsed<AuditQuery> parse_audit_query(std::string_view limit, std::string_view before) {
  Parsed<AuditQuery> p;
  AuditQuery q;
  if (!limit.empty()) {
    uint64_t n = 0;
    if (!number(limit, n) || n < 1 || n > kMaxAuditLimit) {
      p.error = "limit must be a number from 1 to " + std::to_string(kMaxAuditLimit);
      return p;
    }
    q.limit = n;
  }
  if (!before.empty()) {
    uint64_t n = 0;
    if (!number(before, n)) {
      p.error = "before must be an entry id";
      return p;
    }
    q.before = n;
  }
  p.value = q;
  return p;
}

}  // namespace flipdns::api
