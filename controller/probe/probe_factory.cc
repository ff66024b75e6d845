#include "controller/probe/probe_factory.h"

#include "controller/probe/http_probe.h"
#include "controller/probe/tcp_probe.h"

namespace flipdns::probe {

const char* to_string(CheckKind k) {
  switch (k) {
    case CheckKind::kHttp:
      return "http";
    case CheckKind::kHttps:
      return "https";
    case CheckKind::kTcp:
      return "tcp";
  }
  return "?";
}

std::unique_ptr<ProbeSession> NetworkProbeFactory::make_session(const ProbeTarget& target) {
  if (target.check.kind == CheckKind::kTcp)
    return std::make_unique<TcpProbe>(loop_, clock_, target);
  return std::make_unique<HttpProbe>(multi_, target, ca_file_);
}

}  // namespace flipdns::probe
