// Decisions as flipdns-auth's control API carries them (DESIGN.md, contract):
// PUT {base}/v1/decisions/{group} with {"pool","members","epoch"}, and
// GET {base}/v1/decisions → {"decisions":[{"group","pool","members","epoch"}]}.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flipdns::publish {

// A decision as the controller wants it served, or as a server holds it.
struct WireDecision {
  std::string group;  // "app.example.com."
  std::string pool;
  std::vector<std::string> members;
  uint64_t epoch = 0;  // 0 from a server: it never received one for the group
};

// Same pool and the same members in any order (servers keep them sorted).
bool same_content(const WireDecision& a, const WireDecision& b);

std::string put_body(const WireDecision& d);

// The body of GET /v1/decisions. nullopt, with `error` set, if it is not what
// the contract says.
std::optional<std::vector<WireDecision>> parse_decisions(std::string_view body, std::string& error);

// "http://127.0.0.1:8053" + "/v1/decisions/app.example.com." (the group
// literally, trailing dot included; anything outside a DNS name's characters
// percent-encoded). A trailing slash of the base is ignored.
std::string decision_url(std::string_view base, std::string_view group);
std::string decisions_url(std::string_view base);

}  // namespace flipdns::publish
