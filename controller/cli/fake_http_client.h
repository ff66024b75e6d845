// Tests only: an HttpClient that records each request and answers from a
// function the test gives, and a helper that runs flipctl through it.
#pragma once

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "controller/cli/dispatch.h"
#include "controller/cli/http_client.h"

namespace flipdns::cli::testing {

class FakeHttpClient final : public HttpClient {
 public:
  using Handler = std::function<net::HttpResponse(const net::HttpRequest&)>;
  explicit FakeHttpClient(Handler handler = nullptr) : handler_(std::move(handler)) {}

  net::HttpResponse send(const net::HttpRequest& request) override {
    requests.push_back(request);
    if (handler_) return handler_(request);
    return reply(200, "{}");
  }

  static net::HttpResponse reply(long status, std::string body) {
    net::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  static net::HttpResponse transport_error(CURLcode code, std::string error) {
    net::HttpResponse r;
    r.code = code;
    r.error = std::move(error);
    return r;
  }

  std::vector<net::HttpRequest> requests;

 private:
  Handler handler_;
};

// The value of header `name` ("Authorization") in `r`, or "" when absent.
inline std::string header(const net::HttpRequest& r, const std::string& name) {
  for (const std::string& h : r.headers)
    if (h.starts_with(name + ": ")) return h.substr(name.size() + 2);
  return "";
}

struct Outcome {
  int status;
  std::string out, err;
};

// flipctl with `argv` against `http`, the controller at http://ctl:8080 and
// token "op" unless the environment given says otherwise.
inline Outcome run(HttpClient& http, std::vector<std::string> argv,
                   Environment env = {"http://ctl:8080", "op"}) {
  std::ostringstream out, err;
  int status = run_flipctl(argv, env, out, err, http);
  return {status, out.str(), err.str()};
}

}  // namespace flipdns::cli::testing
