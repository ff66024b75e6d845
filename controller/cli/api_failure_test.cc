#include "controller/cli/api_failure.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "controller/cli/cli_options.h"

namespace flipdns::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

RequestInfo flip_request() {
  return {"POST", "http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/groups/app.example.com./flip",
          std::chrono::milliseconds(2500), "app.example.com."};
}

net::HttpResponse transport(CURLcode code, std::string error) {
  net::HttpResponse r;
  r.code = code;
  r.error = std::move(error);
  return r;
}

net::HttpResponse status(long s, std::string body = "") {
  net::HttpResponse r;
  r.status = s;
  r.body = std::move(body);
  return r;
}

TEST(ApiFailure, ConnectionRefusedNamesTheUrl) {
  Failure f = transport_failure(
      flip_request(),
      transport(CURLE_COULDNT_CONNECT,
                "Failed to connect to 127.0.0.1 port 8080 after 0 ms: Connection refused"));
  EXPECT_EQ(f.exit_status, kExitFailure);
  EXPECT_THAT(f.message, HasSubstr("cannot connect to the controller at http://127.0.0.1:8080: "
                                   "connection refused"));
  EXPECT_THAT(f.message, HasSubstr("FLIPDNS_CONTROLLER"));
}

TEST(ApiFailure, OtherConnectFailuresQuoteCurl) {
  Failure f =
      transport_failure(flip_request(), transport(CURLE_COULDNT_CONNECT, "No route to host"));
  EXPECT_EQ(f.message,
            "cannot connect to the controller at http://127.0.0.1:8080: No route to host");
}

TEST(ApiFailure, TimeoutSaysHowLongItWaited) {
  Failure f = transport_failure(flip_request(), transport(CURLE_OPERATION_TIMEDOUT, "timed out"));
  EXPECT_EQ(f.exit_status, kExitFailure);
  EXPECT_THAT(f.message,
              HasSubstr("the controller at http://127.0.0.1:8080 did not answer within 2500ms"));
  EXPECT_THAT(f.message, HasSubstr("--timeout"));
}

TEST(ApiFailure, UnresolvableHost) {
  Failure f = transport_failure(flip_request(),
                                transport(CURLE_COULDNT_RESOLVE_HOST, "Could not resolve host: x"));
  EXPECT_EQ(f.exit_status, kExitFailure);
  EXPECT_THAT(f.message, HasSubstr("cannot resolve the controller's host name"));
}

TEST(ApiFailure, ABadUrlIsBadUsage) {
  for (CURLcode c : {CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL}) {
    Failure f = transport_failure(flip_request(), transport(c, "bad"));
    EXPECT_EQ(f.exit_status, kExitUsage);
    EXPECT_THAT(f.message, HasSubstr("is not usable"));
  }
}

TEST(ApiFailure, TlsFailuresPointAtCaFile) {
  Failure f = transport_failure(
      flip_request(), transport(CURLE_PEER_FAILED_VERIFICATION, "SSL certificate problem"));
  EXPECT_EQ(f.exit_status, kExitFailure);
  EXPECT_THAT(f.message, HasSubstr("TLS with the controller at http://127.0.0.1:8080 failed: "
                                   "SSL certificate problem"));
  EXPECT_THAT(f.message, HasSubstr("--ca-file"));
}

TEST(ApiFailure, AnyOtherTransportError) {
  Failure f = transport_failure(flip_request(), transport(CURLE_RECV_ERROR, "reset"));
  EXPECT_EQ(f.message, "POST http://127.0.0.1:8080/v1/groups/app.example.com./flip failed: reset");
}

TEST(ApiFailure, Unauthorized) {
  Failure f = http_failure(flip_request(), status(401, R"({"error":"missing bearer token"})"));
  EXPECT_EQ(f.exit_status, kExitFailure);
  EXPECT_EQ(f.message,
            "token missing or invalid (401 Unauthorized from POST "
            "http://127.0.0.1:8080/v1/groups/app.example.com./flip)\n"
            "  controller says: missing bearer token\n"
            "  give a token with --token, --token-file or FLIPDNS_TOKEN");
}

TEST(ApiFailure, ForbiddenForAReadToken) {
  Failure f = http_failure(flip_request(), status(403, R"({"error":"read token"})"));
  EXPECT_THAT(f.message, HasSubstr("this token may only read (403 Forbidden"));
  EXPECT_THAT(f.message, HasSubstr("need an operator token"));
}

TEST(ApiFailure, NotFoundNamesTheGroup) {
  Failure f = http_failure(flip_request(), status(404, R"({"error":"no such group"})"));
  EXPECT_THAT(f.message, HasSubstr("unknown group app.example.com. (404 Not Found"));
  EXPECT_THAT(f.message, HasSubstr("controller says: no such group"));
  RequestInfo r = flip_request();
  r.group.reset();
  EXPECT_THAT(http_failure(r, status(404)).message, HasSubstr("not found (404 Not Found"));
}

TEST(ApiFailure, ConflictAndBadRequestCarryTheControllersWords) {
  Failure c = http_failure(flip_request(), status(409, R"({"error":"pinned to standby"})"));
  EXPECT_THAT(c.message, HasSubstr("conflict"));
  EXPECT_THAT(c.message, HasSubstr("controller says: pinned to standby"));
  Failure b = http_failure(flip_request(), status(400, R"({"error":"unknown pool dr"})"));
  EXPECT_THAT(b.message, HasSubstr("refused the request (400 Bad Request"));
  EXPECT_THAT(b.message, HasSubstr("unknown pool dr"));
  EXPECT_EQ(b.exit_status, kExitFailure);
}

TEST(ApiFailure, ServerErrors) {
  Failure f = http_failure(flip_request(), status(502, "<html>upstream down</html>\n"));
  EXPECT_THAT(f.message, HasSubstr("the controller failed (502 Bad Gateway"));
  EXPECT_THAT(f.message, HasSubstr("controller says: <html>upstream down</html>"));
  Failure starting = http_failure(flip_request(), status(503, R"({"error":"starting"})"));
  EXPECT_THAT(starting.message, HasSubstr("the controller is not ready (503 Service Unavailable"));
  EXPECT_THAT(starting.message, HasSubstr("try again shortly"));
  EXPECT_EQ(starting.exit_status, kExitFailure);
  EXPECT_THAT(http_failure(flip_request(), status(500)).message, Not(HasSubstr("controller says")));
  EXPECT_THAT(http_failure(flip_request(), status(302)).message,
              HasSubstr("unexpected answer from the controller (302 from"));
}

TEST(ApiFailure, ServerErrorText) {
  EXPECT_EQ(server_error_text(R"({"error":"x"})"), "x");
  EXPECT_EQ(server_error_text(R"({"error":{"message":"y"}})"), "y");
  EXPECT_EQ(server_error_text("  plain words \n"), "plain words");
  EXPECT_EQ(server_error_text(""), "");
  std::string long_body(1000, 'a');
  EXPECT_EQ(server_error_text(long_body), std::string(300, 'a') + "...");
}

}  // namespace
}  // namespace flipdns::cli
