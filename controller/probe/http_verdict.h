// Whether one HTTP(S) response passes a check: the one place that knows what
// "healthy" means for HTTP. Every failure is a failure — a 503 as much as a
// refused connection or a bad certificate.
#pragma once

#include "controller/net/curl_transfer.h"
#include "controller/probe/probe.h"

namespace flipdns::probe {

ProbeOutcome http_verdict(const net::HttpResponse& response, const CheckSpec& check);

}  // namespace flipdns::probe
