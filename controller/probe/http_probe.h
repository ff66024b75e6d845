// An HTTP or HTTPS check of one member, on the controller's curl multi. The
// request names the check's host (Host header, TLS SNI, certificate name) but
// connects to the member's own address, so every member is checked even
// when they all share one name.
#pragma once

#include <optional>
#include <string>

#include "controller/net/curl_multi.h"
#include "controller/probe/probe.h"

namespace flipdns::probe {

// The request one check sends; `ca_file` verifies HTTPS members (empty: the
// system store).
net::HttpRequest http_check_request(const ProbeTarget& target, const std::string& ca_file);

class HttpProbe final : public ProbeSession {
 public:
  HttpProbe(net::CurlMulti& multi, const ProbeTarget& target, const std::string& ca_file);
  ~HttpProbe() override;

  void run(Done done) override;

 private:
  net::CurlMulti& multi_;
  CheckSpec check_;
  net::HttpRequest request_;
  std::optional<net::CurlMulti::Id> in_flight_;
};

}  // namespace flipdns::probe
