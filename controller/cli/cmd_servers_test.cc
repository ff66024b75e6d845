#include "controller/cli/cmd_servers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "controller/cli/fake_http_client.h"

namespace flipdns::cli {
namespace {

using testing::FakeHttpClient;
using testing::Outcome;
using testing::run;

const char* kServers = R"J({"servers": [
  {"url": "http://10.0.1.53:8053", "reachable": true, "in_sync": true, "behind": 0,
   "last_ok": "2024-01-01T00:00:05Z", "last_error": ""},
  {"url": "http://10.0.2.53:8053", "reachable": false, "in_sync": false,
   "last_ok": "2024-01-01T00:00:00Z", "last_error": "connection refused"},
  {"url": "http://10.0.3.53:8053", "reachable": true, "in_sync": false, "behind": 2},
  {"url": "http://10.0.4.53:8053", "state": "pending"}
]})J";

TEST(Servers, Table) {
  EXPECT_EQ(format_servers(nlohmann::json::parse(kServers)),
            "SERVER                 STATE        LAST OK               ERROR\n"
            "http://10.0.1.53:8053  in sync      2024-01-01T00:00:05Z\n"
            "http://10.0.2.53:8053  unreachable  2024-01-01T00:00:00Z  connection refused\n"
            "http://10.0.3.53:8053  behind 2     -\n"
            "http://10.0.4.53:8053  pending      -\n");
  EXPECT_EQ(format_servers(nlohmann::json::parse(R"({"servers": []})")),
            "no auth servers configured\n");
}

TEST(Servers, Runs) {
  FakeHttpClient http([](const net::HttpRequest&) { return FakeHttpClient::reply(200, kServers); });
  Outcome r = run(http, {"servers"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(http.requests.at(0).url, "http://ctl:8080/v1/servers");
  Outcome j = run(http, {"servers", "--json"});
  EXPECT_EQ(nlohmann::json::parse(j.out), nlohmann::json::parse(kServers));
  EXPECT_EQ(run(http, {"servers", "extra"}).status, 2);
}

}  // namespace
}  // namespace flipdns::cli
