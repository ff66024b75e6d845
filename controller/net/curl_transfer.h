// One HTTP request as a libcurl easy handle, and what came back. The health
// probes and the publisher describe requests with HttpRequest; only this file
// knows which curl options that takes.
#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "controller/engine/clock.h"

namespace flipdns::net {

using engine::Duration;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::optional<std::string> body;   // sent as is, with the headers given
  Duration timeout{2000};            // the whole transfer, connect included
  // CURLOPT_CONNECT_TO entry "HOST:PORT:ADDR:PORT": the URL keeps the host name
  // (Host header, TLS SNI and certificate name) while curl connects to ADDR.
  std::optional<std::string> connect_to;
  bool verify_tls = true;
  std::string ca_file;  // empty: the system's CA store
  // A new connection for every request, as a client arriving fresh would make:
  // a health check must not pass on a kept-alive connection alone.
  bool fresh_connection = false;
  size_t max_body = 64 * 1024;  // the rest of the body is not read
  std::string user_agent = "flipdns-controller";
};

struct HttpResponse {
  CURLcode code = CURLE_OK;  // CURLE_OK: a response arrived (any status)
  long status = 0;
  std::string body;   // at most max_body bytes
  std::string error;  // curl's words when code != CURLE_OK
  Duration total_time{0};
  bool ok() const { return code == CURLE_OK; }
};

struct CurlEasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* s) const { curl_slist_free_all(s); }
};
using CurlEasyPtr = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlSlistPtr = std::unique_ptr<curl_slist, CurlSlistDeleter>;

// The easy handle and the buffers curl reads from and writes into. curl keeps
// pointers into this object: it must stay where it is until the transfer ends.
class CurlTransfer {
 public:
  // Throws std::runtime_error if curl refuses an option.
  explicit CurlTransfer(const HttpRequest& request);
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  CURL* easy() const { return easy_.get(); }
  // The outcome, once curl reports the transfer done with `code`.
  HttpResponse finish(CURLcode code);

 private:
  static size_t on_body(char* data, size_t size, size_t n, void* self);

  CurlEasyPtr easy_;
  CurlSlistPtr headers_;
  CurlSlistPtr connect_to_;
  std::string request_body_;
  std::string body_;
  size_t max_body_;
  bool body_cut_ = false;
  char errbuf_[CURL_ERROR_SIZE] = {};
};

}  // namespace flipdns::net
