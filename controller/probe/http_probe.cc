#include "controller/probe/http_probe.h"

#include <utility>

#include "controller/probe/http_verdict.h"

namespace flipdns::probe {
namespace {

// An IPv6 address in a URL or a CURLOPT_CONNECT_TO entry goes in brackets.
std::string url_host(const std::string& address) {
  return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

}  // namespace

net::HttpRequest http_check_request(const ProbeTarget& t, const std::string& ca_file) {
  const CheckSpec& c = t.check;
  const std::string port = std::to_string(c.port);
  const std::string name = c.host.empty() ? url_host(t.address) : url_host(c.host);
  net::HttpRequest r;
  r.method = c.method;
  r.url = std::string(c.kind == CheckKind::kHttps ? "https" : "http") + "://" + name + ":" + port +
          (c.path.empty() || c.path[0] != '/' ? "/" : "") + c.path;
  if (!c.host.empty()) r.connect_to = name + ":" + port + ":" + url_host(t.address) + ":" + port;
  r.timeout = c.timeout;
  r.verify_tls = c.tls_verify;
  r.ca_file = ca_file;
  r.fresh_connection = true;
  r.user_agent = "flipdns-controller health check";
  return r;
}

HttpProbe::HttpProbe(net::CurlMulti& multi, const ProbeTarget& target, const std::string& ca_file)
    : multi_(multi), check_(target.check), request_(http_check_request(target, ca_file)) {}

HttpProbe::~HttpProbe() {
  if (in_flight_) multi_.cancel(*in_flight_);
}

void HttpProbe::run(Done done) {
  if (in_flight_) multi_.cancel(*in_flight_);
  try {
    in_flight_ = multi_.start(request_, [this, done = std::move(done)](net::HttpResponse r) {
      in_flight_.reset();
      done(http_verdict(r, check_));
    });
  } catch (const std::exception& e) {
    in_flight_.reset();
    done({.ok = false, .latency = Duration(0), .error = e.what()});
  }
}

}  // namespace flipdns::probe
