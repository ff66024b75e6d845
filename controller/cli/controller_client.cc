#include "controller/cli/controller_client.h"

#include <fstream>

namespace flipdns::cli {
namespace {

constexpr std::size_t kMaxResponse = 64 * 1024 * 1024;

std::variant<std::string, Failure> read_token_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Failure{"cannot read the token file " + path, kExitUsage};
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return Failure{"the token file " + path + " is empty", kExitUsage};
  return line;
}

}  // namespace

ControllerClient::ControllerClient(const GlobalOptions& global, std::string token, HttpClient& http)
    : base_(global.controller),
      token_(std::move(token)),
      ca_file_(global.ca_file),
      timeout_(global.timeout),
      http_(http) {
  while (base_.ends_with('/')) base_.pop_back();
}

ApiResult ControllerClient::get(const std::string& path, std::optional<std::string> group) {
  return call("GET", path, std::nullopt, std::move(group));
}

ApiResult ControllerClient::call(const std::string& method, const std::string& path,
                                 const std::optional<nlohmann::json>& body,
                                 std::optional<std::string> group) {
  net::HttpRequest req;
  req.method = method;
  req.url = base_ + path;
  req.headers.push_back("Accept: application/json");
  if (!token_.empty()) req.headers.push_back("Authorization: Bearer " + token_);
  if (body) {
    req.headers.push_back("Content-Type: application/json");
    req.body = body->dump();
  }
  req.timeout = engine::Duration(timeout_.count());
  req.ca_file = ca_file_;
  req.max_body = kMaxResponse;
  req.user_agent = "flipctl";

  const RequestInfo info{method, base_, req.url, timeout_, std::move(group)};
  net::HttpResponse resp = http_.send(req);
  if (!resp.ok()) return transport_failure(info, resp);
  if (resp.status < 200 || resp.status > 299) return http_failure(info, resp);
  if (resp.body.find_first_not_of(" \t\r\n") == std::string::npos) return nlohmann::json();
  auto j = nlohmann::json::parse(resp.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return Failure{"the controller's answer to " + method + " " + req.url +
                       " is not JSON: " + server_error_text(resp.body),
                   kExitFailure};
  return j;
}

std::variant<ControllerClient, Failure> open_controller(const CommandContext& ctx) {
  if (ctx.global.controller.empty())
    return Failure{"no controller given: use --controller URL or set FLIPDNS_CONTROLLER",
                   kExitUsage};
  std::string token = ctx.global.token;
  if (!ctx.global.token_file.empty()) {
    auto t = read_token_file(ctx.global.token_file);
    if (auto* f = std::get_if<Failure>(&t)) return *f;
    token = std::get<std::string>(t);
  }
  return ControllerClient(ctx.global, std::move(token), ctx.http);
}

int report(const CommandContext& ctx, const Failure& failure) {
  ctx.err << "flipctl: " << failure.message << "\n";
  return failure.exit_status;
}

int usage_error(const CommandContext& ctx, const Command& command, std::string_view message) {
  ctx.err << "flipctl " << command.name << ": " << message << "\nusage: flipctl "
          << command.synopsis << "\n";
  return kExitUsage;
}

void print_json(const CommandContext& ctx, const nlohmann::json& j) {
  // An empty answer (204) still prints as JSON for scripts.
  ctx.out << (j.is_null() ? nlohmann::json::object() : j).dump(2) << "\n";
}

}  // namespace flipdns::cli
