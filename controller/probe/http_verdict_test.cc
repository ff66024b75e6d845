#include "controller/probe/http_verdict.h"

#include <gtest/gtest.h>

namespace flipdns::probe {
namespace {

net::HttpResponse response(long status, std::string body = "") {
  net::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.total_time = Duration(12);
  return r;
}

TEST(HttpVerdict, AnExpectedStatusPasses) {
  CheckSpec c;
  c.expect = {200, 204};
  ProbeOutcome o = http_verdict(response(204), c);
  EXPECT_TRUE(o.ok);
  EXPECT_EQ(o.error, "");
  EXPECT_EQ(o.latency, Duration(12));
}

TEST(HttpVerdict, A503FailsLikeAnyOtherUnexpectedStatus) {
  CheckSpec c;
  EXPECT_EQ(http_verdict(response(503), c).error, "status 503 (expected 200)");
  EXPECT_FALSE(http_verdict(response(301), c).ok);
  c.expect = {200, 204};
  EXPECT_EQ(http_verdict(response(500), c).error, "status 500 (expected 200, 204)");
}

TEST(HttpVerdict, TheBodyMustContainTheSubstringWhenOneIsGiven) {
  CheckSpec c;
  c.body = "\"status\":\"ok\"";
  EXPECT_TRUE(http_verdict(response(200, "{\"status\":\"ok\"}"), c).ok);
  ProbeOutcome o = http_verdict(response(200, "{\"status\":\"degraded\"}"), c);
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.error, "body does not contain \"\"status\":\"ok\"\"");
}

TEST(HttpVerdict, TransportErrorsFailWithCurlsWords) {
  net::HttpResponse r;
  r.code = CURLE_SSL_CACERT_BADFILE;
  r.error = "SSL certificate problem: unable to get local issuer certificate\n";
  ProbeOutcome o = http_verdict(r, CheckSpec{});
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.error, "SSL certificate problem: unable to get local issuer certificate");
}

}  // namespace
}  // namespace flipdns::probe
