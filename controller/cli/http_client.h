// How flipctl sends one HTTP request: an interface, so that commands can be
// tested against a fake, and the real one, a blocking libcurl transfer.
#pragma once

#include "controller/net/curl_transfer.h"

namespace flipdns::cli {

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Never throws for network trouble: a failed transfer comes back with
  // `code != CURLE_OK` and curl's words in `error`.
  virtual net::HttpResponse send(const net::HttpRequest& request) = 0;
};

// One request at a time with curl_easy_perform, through the same transfer
// setup the controller uses (no proxy, no redirects, TLS verified).
class CurlHttpClient final : public HttpClient {
 public:
  net::HttpResponse send(const net::HttpRequest& request) override;
};

}  // namespace flipdns::cli
