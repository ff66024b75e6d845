// A decision for one failover group: which pool is active, which of its members
// are served, and the epoch that orders decisions (DESIGN.md principle 4).
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace flipdns::decisions {

struct Decision {
  std::string group;                 // "app.example.com."
  std::string pool;                  // "primary"
  std::vector<std::string> members;  // canonical address text, sorted
  uint64_t epoch = 0;

  bool same_content(const Decision& o) const { return pool == o.pool && members == o.members; }
  friend bool operator==(const Decision&, const Decision&) = default;
};

nlohmann::json to_json(const Decision& d);

// Reads {"pool":..., "members":[...], "epoch":N} (plus "group" when `group` is
// empty). Returns nullopt and sets `error` for anything else, including an epoch
// that is not an unsigned 64-bit integer.
std::optional<Decision> decision_from_json(const nlohmann::json& j, const std::string& group,
                                           std::string& error);

}  // namespace flipdns::decisions
