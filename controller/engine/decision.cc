#include "controller/engine/decision.h"

namespace flipdns::engine {

std::string_view to_string(Change c) {
  switch (c) {
    case Change::kNone:
      return "none";
    case Change::kMembers:
      return "members";
    case Change::kPool:
      return "pool";
  }
  return "?";
}

std::string_view to_string(AlertKind k) {
  switch (k) {
    case AlertKind::kAllPoolsDown:
      return "all_pools_down";
    case AlertKind::kNoHealthyMember:
      return "no_healthy_member";
    case AlertKind::kUnknownPool:
      return "unknown_pool";
    case AlertKind::kFlipIgnored:
      return "flip_ignored";
  }
  return "?";
}

std::string_view to_string(Failback f) {
  switch (f) {
    case Failback::kManual:
      return "manual";
    case Failback::kAuto:
      return "auto";
  }
  return "?";
}

}  // namespace flipdns::engine
