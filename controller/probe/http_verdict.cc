#include "controller/probe/http_verdict.h"

#include <algorithm>

namespace flipdns::probe {
namespace {

std::string expected_codes(const std::vector<int>& expect) {
  std::string out;
  for (int c : expect) out += (out.empty() ? "" : ", ") + std::to_string(c);
  return out;
}

// Error text ends up in JSON and logs: keep it short and on one line.
std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s.size() > 200 ? s.substr(0, 200) + "..." : s;
}

}  // namespace

ProbeOutcome http_verdict(const net::HttpResponse& r, const CheckSpec& check) {
  ProbeOutcome out;
  out.latency = r.total_time;
  if (!r.ok()) {
    out.error = one_line(r.error);
    return out;
  }
  const auto& e = check.expect;
  if (std::find(e.begin(), e.end(), static_cast<int>(r.status)) == e.end()) {
    out.error = "status " + std::to_string(r.status) + " (expected " + expected_codes(e) + ")";
    return out;
  }
  if (!check.body.empty() && r.body.find(check.body) == std::string::npos) {
    out.error = "body does not contain \"" + one_line(check.body) + "\"";
    return out;
  }
  out.ok = true;
  return out;
}

}  // namespace flipdns::probe
