// The controller's REST API as flipctl calls it: base URL and bearer token
// from the global options, JSON in and out, every failure turned into a
// Failure that says what went wrong (api_failure.h).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <variant>

#include "controller/cli/api_failure.h"
#include "controller/cli/command.h"
#include "controller/cli/http_client.h"

namespace flipdns::cli {

// The JSON the controller sent (null for an empty 2xx body), or why there is none.
using ApiResult = std::variant<nlohmann::json, Failure>;

class ControllerClient {
 public:
  ControllerClient(const GlobalOptions& global, std::string token, HttpClient& http);

  // `path` starts with "/v1/"; `group` names the group the request is about,
  // for the 404 message.
  ApiResult get(const std::string& path, std::optional<std::string> group = std::nullopt);
  ApiResult call(const std::string& method, const std::string& path,
                 const std::optional<nlohmann::json>& body,
                 std::optional<std::string> group = std::nullopt);

 private:
  std::string base_;  // without trailing "/"
  std::string token_;
  std::string ca_file_;
  std::chrono::milliseconds timeout_;
  HttpClient& http_;
};

// The client for `ctx`, or a usage Failure: no controller URL given, or the
// token file unreadable or empty.
std::variant<ControllerClient, Failure> open_controller(const CommandContext& ctx);

// Writes "flipctl: MESSAGE" to stderr and returns the failure's exit status.
int report(const CommandContext& ctx, const Failure& failure);

// Writes "flipctl NAME: MESSAGE" and the command's synopsis to stderr; returns kExitUsage.
int usage_error(const CommandContext& ctx, const Command& command, std::string_view message);

// Prints an API answer for --json: indented, one trailing newline; {} for none.
void print_json(const CommandContext& ctx, const nlohmann::json& j);

}  // namespace flipdns::cli
