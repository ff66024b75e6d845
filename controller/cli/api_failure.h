// What flipctl tells the operator when a request to the controller did not
// work: one sentence naming the cause, the controller's own words, and what
// to do. Pure functions of the request and what came back, so every case is
// unit-tested without a network.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "controller/net/curl_transfer.h"

namespace flipdns::cli {

// A failed command: the text for stderr (without the "flipctl: " prefix) and
// the exit status (kExitFailure, or kExitUsage when the command line was wrong).
struct Failure {
  std::string message;
  int exit_status;
};

struct RequestInfo {
  std::string method;      // "POST"
  std::string controller;  // the base URL, as given
  std::string url;         // the whole URL of the request
  std::chrono::milliseconds timeout{0};
  std::optional<std::string> group;  // the group the request is about, if any
};

// The transfer failed before any HTTP status arrived (response.code != CURLE_OK).
Failure transport_failure(const RequestInfo& request, const net::HttpResponse& response);

// A status outside 2xx.
Failure http_failure(const RequestInfo& request, const net::HttpResponse& response);

// The `error` member of a JSON error body, else the body itself (trimmed and
// shortened), else empty.
std::string server_error_text(const std::string& body);

}  // namespace flipdns::cli
