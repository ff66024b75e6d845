#include "resolver/control/control_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "resolver/control/reloader.h"
#include "resolver/control/test_state.h"

namespace flipdns::control {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

constexpr const char* kAuth = "Bearer s3cret";
constexpr const char* kApp = "/v1/decisions/app.example.com.";

class ControlApiTest : public ::testing::Test {
 protected:
  ControlApi make_api(ControlApiOptions o) {
    o.now = [this] { return wall_; };
    o.steady_now = [this] { return steady_; };
    return ControlApi(
        t_.state(), status_, BearerAuth("s3cret"), [this] { return reloader_.reload(); },
        [] { return counts(); }, o);
  }
  static QueryCounts counts() {
    QueryCounts q;
    q.udp = 12;
    q.by_rcode = {{3, 7}};
    return q;
  }
  ApiResponse call(std::string_view method, std::string_view target, std::string_view body = "",
                   std::string_view auth = kAuth) {
    return api_.handle({method, target, auth, body});
  }
  static json body(const ApiResponse& r) { return json::parse(r.body); }
  static std::string header(const ApiResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return "";
  }

  std::chrono::system_clock::time_point wall_{1714566896s};
  std::chrono::steady_clock::time_point steady_{1000s};
  testing::TestState t_;
  ReloadStatus status_{wall_};
  Reloader reloader_{t_.state(), status_, [this] { return t_.load(); }, [this] { return wall_; }};
  ControlApi api_ = make_api({.version = "9.9.9"});
};

TEST_F(ControlApiTest, GetDecisionsShowsTheDefaultDecision) {
  ApiResponse r = call("GET", "/v1/decisions");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(body(r), json::parse(R"({"decisions":[{"group":"app.example.com.","pool":"primary",
      "members":["192.0.2.10","192.0.2.11","2001:db8::10"],"epoch":0}]})"));
  ApiResponse one = call("GET", kApp);
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(body(one)["decision"]["pool"], "primary");
}

TEST_F(ControlApiTest, PutFlipsAndIsIdempotent) {
  ApiResponse r = call("PUT", kApp, R"({"pool":"standby","members":["198.51.100.10"],"epoch":5})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body(r), json::parse(R"({"decision":{"group":"app.example.com.","pool":"standby",
      "members":["198.51.100.10"],"epoch":5},"changed":true})"));
  EXPECT_THAT(t_.app_a(), ElementsAre("app.example.com. 30 IN A 198.51.100.10"));

  r = call("PUT", kApp, R"({"pool":"standby","members":["198.51.100.10"],"epoch":5})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body(r)["changed"], false);
}

TEST_F(ControlApiTest, StaleEpochIs409AndShowsWhatIsHeld) {
  ASSERT_EQ(call("PUT", kApp, R"({"pool":"standby","members":["198.51.100.10"],"epoch":9})").status,
            200);
  ApiResponse older = call("PUT", kApp, R"({"pool":"primary","members":["192.0.2.10"],"epoch":8})");
  EXPECT_EQ(older.status, 409);
  EXPECT_THAT(body(older)["error"].get<std::string>(), HasSubstr("older"));
  EXPECT_EQ(body(older)["decision"]["epoch"], 9);
  ApiResponse same = call("PUT", kApp, R"({"pool":"primary","members":["192.0.2.10"],"epoch":9})");
  EXPECT_EQ(same.status, 409);
  EXPECT_THAT(t_.app_a(), ElementsAre("app.example.com. 30 IN A 198.51.100.10"));
}

TEST_F(ControlApiTest, BadDecisionsAre400WithAReason) {
  struct Case {
    const char* body;
    const char* reason;
  };
  for (const Case& c : std::initializer_list<Case>{
           {R"({"pool":"tertiary","members":["192.0.2.10"],"epoch":1})", "no pool tertiary"},
           {R"({"pool":"primary","members":["198.51.100.10"],"epoch":1})", "not a member"},
           {R"({"pool":"primary","members":["not-an-ip"],"epoch":1})", "not an address"},
           {R"({"pool":"primary","members":[],"epoch":1})", "must not be empty"},
           {R"({"pool":"primary","members":["192.0.2.10"]})", "\"epoch\""},
           {R"({"pool":"primary","members":["192.0.2.10"],"epoch":-1})", "\"epoch\""},
           {R"({"pool":"primary","members":["192.0.2.10"],"epoch":"1"})", "\"epoch\""},
           {R"({"pool":"primary","members":"192.0.2.10","epoch":1})", "\"members\""},
           {R"({"members":["192.0.2.10"],"epoch":1})", "\"pool\""},
           {R"({"pool":"primary","members":["192.0.2.10"],"epoch":1,"why":1})", "unknown key"},
           {R"({"group":"other.example.com.","pool":"primary","members":["192.0.2.10"],
                "epoch":1})",
            "does not match"},
           {R"([1,2])", "JSON object"},
           {R"({"pool":)", "malformed JSON"},
           {"", "malformed JSON"},
       }) {
    ApiResponse r = call("PUT", kApp, c.body);
    EXPECT_EQ(r.status, 400) << c.body;
    EXPECT_THAT(body(r)["error"].get<std::string>(), HasSubstr(c.reason)) << c.body;
  }
  EXPECT_EQ(t_.state().decisions()[0].epoch, 0u);
}

TEST_F(ControlApiTest, UnknownGroupIs404) {
  const char* d = R"({"pool":"primary","members":["192.0.2.10"],"epoch":1})";
  ApiResponse r = call("PUT", "/v1/decisions/nope.example.com.", d);
  EXPECT_EQ(r.status, 404);
  EXPECT_THAT(body(r)["error"].get<std::string>(), HasSubstr("unknown group nope.example.com."));
  EXPECT_EQ(call("GET", "/v1/decisions/nope.example.com.").status, 404);
}

TEST_F(ControlApiTest, GroupInTheUrlIsDecodedAndCaseInsensitive) {
  const char* d = R"({"pool":"standby","members":["198.51.100.10"],"epoch":%d})";
  int epoch = 1;
  for (const char* target :
       {"/v1/decisions/app%2Eexample%2ecom%2E", "/v1/decisions/APP.Example.COM.",
        "/v1/decisions/app.example.com", "/v1/decisions/app.example.com.?x=1"}) {
    char buf[128];
    std::snprintf(buf, sizeof buf, d, epoch++);
    ApiResponse r = call("PUT", target, buf);
    EXPECT_EQ(r.status, 200) << target << " " << r.body;
  }
  EXPECT_EQ(call("PUT", "/v1/decisions/app%zz", d).status, 400);
  EXPECT_EQ(call("GET", "/v1/decisions/app%00.example.com.").status, 400);
  EXPECT_EQ(call("GET", "/v1/decisions/app.example.com./extra").status, 404);
  EXPECT_EQ(call("GET", "/v1/decisions/").status, 404);
}

TEST_F(ControlApiTest, EveryEndpointNeedsTheToken) {
  const char* d = R"({"pool":"standby","members":["198.51.100.10"],"epoch":1})";
  for (auto [method, target] :
       std::initializer_list<std::pair<const char*, const char*>>{{"GET", "/v1/decisions"},
                                                                  {"GET", kApp},
                                                                  {"PUT", kApp},
                                                                  {"POST", "/v1/reload"},
                                                                  {"GET", "/v1/status"},
                                                                  {"GET", "/v1/nothing"},
                                                                  {"POST", "/metrics"}}) {
    ApiResponse missing = call(method, target, d, "");
    EXPECT_EQ(missing.status, 401) << method << " " << target;
    EXPECT_EQ(body(missing)["error"], "missing bearer token");
    EXPECT_EQ(header(missing, "WWW-Authenticate"), "Bearer realm=\"flipdns-auth\"");
    ApiResponse wrong = call(method, target, d, "Bearer s3cre");
    EXPECT_EQ(wrong.status, 401) << method << " " << target;
    EXPECT_THAT(header(wrong, "WWW-Authenticate"), HasSubstr("error=\"invalid_token\""));
  }
  EXPECT_EQ(t_.state().decisions()[0].epoch, 0u);  // the PUT changed nothing
  EXPECT_EQ(status_.view().ok, 0u);                // nor did the reload run
}

TEST_F(ControlApiTest, UnknownPathIs404WrongMethodIs405) {
  ApiResponse r = call("GET", "/v1/nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_THAT(body(r)["error"].get<std::string>(), HasSubstr("/v1/nothing"));
  EXPECT_EQ(call("GET", "/").status, 404);
  struct Case {
    const char* method;
    const char* target;
    const char* allow;
  };
  for (const Case& c : std::initializer_list<Case>{{"POST", "/v1/decisions", "GET"},
                                                   {"DELETE", kApp, "GET, PUT"},
                                                   {"GET", "/v1/reload", "POST"},
                                                   {"PUT", "/v1/status", "GET"},
                                                   {"POST", "/metrics", "GET"}}) {
    ApiResponse m = call(c.method, c.target);
    EXPECT_EQ(m.status, 405) << c.method << " " << c.target;
    EXPECT_EQ(header(m, "Allow"), c.allow);
    EXPECT_TRUE(body(m).contains("error"));
  }
  EXPECT_EQ(call("HEAD", "/v1/status").status, 200);  // answered as GET
}

TEST_F(ControlApiTest, ReloadSwapsAGoodConfigAndRefusesABadOne) {
  ASSERT_EQ(call("PUT", kApp, R"({"pool":"standby","members":["198.51.100.10"],"epoch":3})").status,
            200);
  wall_ += 60s;
  ApiResponse ok = call("POST", "/v1/reload");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(body(ok), json::parse(R"({"ok":true,"error":null,"at":"2024-05-01T12:35:56.000Z"})"));
  uint32_t serial = body(call("GET", "/v1/status"))["zones"][0]["serial"];

  t_.break_zone();
  ApiResponse bad = call("POST", "/v1/reload");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(body(bad)["ok"], false);
  EXPECT_THAT(body(bad)["error"].get<std::string>(),
              HasSubstr("example.com.yaml:17:1: unknown key"));

  json s = body(call("GET", "/v1/status"));
  EXPECT_EQ(s["last_reload"]["ok"], false);
  EXPECT_THAT(s["last_reload"]["error"].get<std::string>(), HasSubstr("example.com.yaml:17:1"));
  EXPECT_EQ(s["zones"][0]["serial"], serial);  // unchanged
  EXPECT_EQ(s["decisions"][0]["pool"], "standby");
  EXPECT_THAT(t_.app_a(), ElementsAre("app.example.com. 30 IN A 198.51.100.10"));
}

TEST_F(ControlApiTest, ReloadFailingOtherwiseIs500AndWithoutCallback503) {
  ControlApi failing(t_.state(), status_, BearerAuth("s3cret"),
                     [] {
                       return ReloadResult{false, "disk on fire", false, {}};
                     },
                     {}, {});
  ApiResponse r = failing.handle({"POST", "/v1/reload", kAuth, ""});
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(body(r)["error"], "disk on fire");
  ControlApi none(t_.state(), status_, BearerAuth("s3cret"), {}, {}, {});
  EXPECT_EQ(none.handle({"POST", "/v1/reload", kAuth, ""}).status, 503);
}

TEST_F(ControlApiTest, DecisionThatCannotBePersistedIs500AndNotServed) {
  decisions::testing::TempDir dir;
  dir.write("example.com.yaml", decisions::testing::kZoneYaml);
  std::filesystem::create_directories(dir.path() / "state");
  decisions::ServingState state(decisions::load_served_config(dir.path(), {}),
                                decisions::DecisionStore(dir.path() / "state"), [](auto) {});
  // The state "directory" becomes a file: saving fails from now on.
  std::filesystem::remove_all(dir.path() / "state");
  dir.write("state", "");
  ControlApi api(state, status_, BearerAuth("s3cret"), {}, {}, {});
  ApiResponse r = api.handle(
      {"PUT", kApp, kAuth, R"({"pool":"standby","members":["198.51.100.10"],"epoch":1})"});
  EXPECT_EQ(r.status, 500);
  EXPECT_TRUE(body(r).contains("error"));
  EXPECT_EQ(state.decisions()[0].pool, "primary");
}

TEST_F(ControlApiTest, StatusReportsZonesSerialsCommitReloadAndDecisions) {
  steady_ += 42s;
  ApiResponse r = call("GET", "/v1/status?pretty");
  ASSERT_EQ(r.status, 200);
  json s = body(r);
  ASSERT_EQ(s["zones"].size(), 1u);
  EXPECT_EQ(s["zones"][0]["zone"], "example.com.");
  EXPECT_TRUE(s["zones"][0]["serial"].is_number_unsigned());
  EXPECT_EQ(s["zones"][0]["serial"], t_.state().snapshot()->zones()[0].overlay->serial);
  EXPECT_THAT(s["zones"][0]["source"].get<std::string>(), HasSubstr("example.com.yaml"));
  EXPECT_TRUE(s["commit"].is_null());  // the temp dir is no git checkout
  EXPECT_EQ(s["last_reload"],
            json::parse(R"({"ok":true,"error":null,"at":"2024-05-01T12:34:56.000Z"})"));
  EXPECT_EQ(s["groups"], 1);
  EXPECT_EQ(s["decisions"][0]["group"], "app.example.com.");
  EXPECT_EQ(s["version"], "9.9.9");
  EXPECT_EQ(s["uptime_s"], 42);
}

TEST_F(ControlApiTest, MetricsAreOpenByDefaultAndCountWhatHappened) {
  call("PUT", kApp, R"({"pool":"standby","members":["198.51.100.10"],"epoch":1})");
  call("PUT", kApp, R"({"pool":"standby","members":["198.51.100.10"],"epoch":0})");
  call("GET", "/v1/status", "", "");
  ApiResponse r = call("GET", "/metrics", "", "");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
  for (const char* want :
       {"flipdns_auth_decision_requests_total{code=\"200\"} 1\n",
        "flipdns_auth_decision_requests_total{code=\"409\"} 1\n",
        "flipdns_auth_decisions_applied_total 1\n",
        "flipdns_auth_control_requests_total{code=\"401\"} 1\n",
        "flipdns_auth_queries_total{transport=\"udp\"} 12\n",
        "flipdns_auth_responses_total{rcode=\"NXDOMAIN\"} 7\n",
        "flipdns_auth_group_epoch{group=\"app.example.com.\"} 1\n",
        "flipdns_auth_group_pool_active{group=\"app.example.com.\",pool=\"standby\"} 1\n",
        "flipdns_auth_zones 1\n", "flipdns_auth_zone_serial{zone=\"example.com.\"} ",
        "flipdns_auth_build_info{version=\"9.9.9\"} 1\n"})
    EXPECT_THAT(r.body, HasSubstr(want));
}

TEST_F(ControlApiTest, MetricsMayRequireTheToken) {
  ControlApi api = make_api({.version = "1", .metrics_need_token = true});
  EXPECT_EQ(api.handle({"GET", "/metrics", "", ""}).status, 401);
  EXPECT_EQ(api.handle({"GET", "/metrics", kAuth, ""}).status, 200);
}

TEST(PercentDecodeTest, DecodesOnceAndRejectsMalformedEscapes) {
  EXPECT_EQ(percent_decode("a%2Eb%2ec"), "a.b.c");
  EXPECT_EQ(percent_decode("100%25"), "100%");
  EXPECT_EQ(percent_decode("%2525"), "%25");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("%"), std::nullopt);
  EXPECT_EQ(percent_decode("%4"), std::nullopt);
  EXPECT_EQ(percent_decode("%g1"), std::nullopt);
  EXPECT_EQ(percent_decode("%00"), std::nullopt);
}

}  // namespace
}  // namespace flipdns::control
