#include "controller/cli/api_failure.h"

#include <nlohmann/json.hpp>

#include "common/settings/duration.h"
#include "controller/cli/cli_options.h"

namespace flipdns::cli {
namespace {

constexpr std::size_t kMaxQuotedBody = 300;

std::string trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(0, s.find_first_not_of(ws));
  s.erase(s.find_last_not_of(ws) + 1);
  return s;
}

bool contains(const std::string& text, std::string_view what) {
  return text.find(what) != std::string::npos;
}

std::string status_words(long status) {
  switch (status) {
    case 400:
      return "400 Bad Request";
    case 401:
      return "401 Unauthorized";
    case 403:
      return "403 Forbidden";
    case 404:
      return "404 Not Found";
    case 405:
      return "405 Method Not Allowed";
    case 409:
      return "409 Conflict";
    case 500:
      return "500 Internal Server Error";
    case 502:
      return "502 Bad Gateway";
    case 503:
      return "503 Service Unavailable";
    case 504:
      return "504 Gateway Timeout";
    default:
      return std::to_string(status);
  }
}

}  // namespace

std::string server_error_text(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_object()) {
    auto it = j.find("error");
    if (it != j.end() && it->is_string()) return it->get<std::string>();
    if (it != j.end() && it->is_object() && it->contains("message") && (*it)["message"].is_string())
      return (*it)["message"].get<std::string>();
  }
  std::string text = trim(body);
  if (text.size() > kMaxQuotedBody) text = text.substr(0, kMaxQuotedBody) + "...";
  return text;
}

Failure transport_failure(const RequestInfo& r, const net::HttpResponse& resp) {
  const std::string& at = r.controller;
  switch (resp.code) {
    case CURLE_COULDNT_CONNECT:
      if (contains(resp.error, "refused"))
        return {"cannot connect to the controller at " + at +
                    ": connection refused (is flipdns-controller running there? "
                    "set --controller or FLIPDNS_CONTROLLER)",
                kExitFailure};
      return {"cannot connect to the controller at " + at + ": " + resp.error, kExitFailure};
    case CURLE_OPERATION_TIMEDOUT:
      return {"the controller at " + at + " did not answer within " + format_duration(r.timeout) +
                  " (" + r.method + " " + r.url + "; --timeout sets the limit)",
              kExitFailure};
    case CURLE_COULDNT_RESOLVE_HOST:
      return {"cannot resolve the controller's host name in " + at + ": " + resp.error,
              kExitFailure};
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return {"the controller URL \"" + at + "\" is not usable (" + resp.error +
                  "); give a base URL such as http://127.0.0.1:8080",
              kExitUsage};
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
      return {"TLS with the controller at " + at + " failed: " + resp.error +
                  " (--ca-file names the CA of a private certificate)",
              kExitFailure};
    default:
      return {r.method + " " + r.url + " failed: " + resp.error, kExitFailure};
  }
}

Failure http_failure(const RequestInfo& r, const net::HttpResponse& resp) {
  std::string summary, hint;
  const long s = resp.status;
  if (s == 400) {
    summary = "the controller refused the request";
  } else if (s == 401) {
    summary = "token missing or invalid";
    hint = "give a token with --token, --token-file or FLIPDNS_TOKEN";
  } else if (s == 403) {
    summary = "this token may only read";
    hint = "flip, pin and unpin need an operator token";
  } else if (s == 404) {
    summary = r.group ? "unknown group " + *r.group : "not found";
    if (r.group) hint = "`flipctl status` lists the groups";
  } else if (s == 409) {
    summary = "conflict: the controller did not apply the request";
  } else if (s == 503) {
    summary = "the controller is not ready";
    hint = "it answers once it has read the auth servers' decisions; try again shortly";
  } else if (s >= 500) {
    summary = "the controller failed";
  } else {
    summary = "unexpected answer from the controller";
  }
  std::string msg = summary + " (" + status_words(s) + " from " + r.method + " " + r.url + ")";
  if (std::string why = server_error_text(resp.body); !why.empty())
    msg += "\n  controller says: " + why;
  if (!hint.empty()) msg += "\n  " + hint;
  return {msg, kExitFailure};
}

}  // namespace flipdns::cli
