// The REST API's request bodies and query parameters, checked before any of
// them reaches the controller: a bad request is a 400 with a reason, never a
// half-applied change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "controller/engine/clock.h"

namespace flipdns::api {

// POST /v1/groups/{group}/flip: {"pool": "standby", "reason": "..."}
struct FlipRequest {
  std::string pool;
  std::string reason;
};

// PUT /v1/groups/{group}/pin: {"pool": "standby", "for": "30m", "reason": "..."}
struct PinRequest {
  std::string pool;
  engine::Duration duration{0};
  std::string reason;
};

// GET /v1/audit?limit=50&before=ID
struct AuditQuery {
  size_t limit = 50;
  std::optional<uint64_t> before;
};

inline constexpr size_t kMaxAuditLimit = 1000;

template <typename T>
struct Parsed {
  std::optional<T> value;
  std::string error;  // when !value
};

Parsed<FlipRequest> parse_flip(std::string_view body);
Parsed<PinRequest> parse_pin(std::string_view body);
// Empty strings stand for absent parameters.
Parsed<AuditQuery> parse_audit_query(std::string_view limit, std::string_view before);

}  // namespace flipdns::api
