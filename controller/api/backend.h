// What the REST API asks of the controller. The API server deals with HTTP,
// tokens and request syntax; everything it learns or changes goes through
// this interface, implemented by the daemon (on its loop thread) and by fakes
// in tests.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "controller/api/requests.h"
#include "controller/api/tokens.h"

namespace flipdns::api {

struct Reply {
  int status = 200;
  nlohmann::json body;
};

// {"error": message}, the shape of every error the API returns.
inline Reply error_reply(int status, std::string message) {
  return {status, nlohmann::json{{"error", std::move(message)}}};
}

class Backend {
 public:
  virtual ~Backend() = default;
  virtual Reply groups() = 0;
  // 404 for an unknown group.
  virtual Reply group(const std::string& name) = 0;
  // 404 unknown group, 400 unknown pool, 409 while pinned, 503 while starting.
  virtual Reply flip(const std::string& group, const FlipRequest& r, const Identity& who) = 0;
  virtual Reply pin(const std::string& group, const PinRequest& r, const Identity& who) = 0;
  virtual Reply unpin(const std::string& group, const Identity& who) = 0;
  virtual Reply audit(const AuditQuery& q) = 0;
  virtual Reply servers() = 0;
  virtual Reply healthz() = 0;
  // Prometheus text.
  virtual std::string metrics() = 0;
};

}  // namespace flipdns::api
