#include "controller/daemon/metrics.h"

#include <gtest/gtest.h>

namespace flipdns::daemon {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

TEST(Metrics, CountersAndGaugesInPrometheusText) {
  Counters c;
  c.checks[{"app.example.com.", "192.0.2.10", "ok"}] = 5;
  c.checks[{"app.example.com.", "192.0.2.10", "fail"}] = 3;
  c.flips[{"app.example.com.", "auto"}] = 1;
  c.alerts[{"app.example.com.", "all_pools_down"}] = 2;
  Gauges g;
  g.running = true;
  g.members.push_back({"app.example.com.", "192.0.2.10", engine::HealthState::kUnhealthy});
  g.groups.push_back({"app.example.com.", "standby", 7, true, true, {"all_pools_down"}});
  publish::ServerStatus s;
  s.url = "http://127.0.0.1:8053";
  s.in_sync = false;
  s.behind = 1;
  s.lag = std::chrono::milliseconds(1500);
  s.puts_ok = 4;
  g.servers.push_back(s);
  const std::string t = render_metrics(c, g);
  EXPECT_TRUE(has_line(t, "flipdns_controller_running 1"));
  EXPECT_TRUE(has_line(
      t,
      R"(flipdns_controller_checks_total{group="app.example.com.",member="192.0.2.10",result="fail"} 3)"));
  EXPECT_TRUE(has_line(
      t,
      R"(flipdns_controller_member_health{group="app.example.com.",member="192.0.2.10",state="unhealthy"} 1)"));
  EXPECT_TRUE(has_line(
      t,
      R"(flipdns_controller_member_health{group="app.example.com.",member="192.0.2.10",state="healthy"} 0)"));
  EXPECT_TRUE(
      has_line(t, R"(flipdns_controller_flips_total{group="app.example.com.",kind="auto"} 1)"));
  EXPECT_TRUE(
      has_line(t, R"(flipdns_controller_active_pool{group="app.example.com.",pool="standby"} 1)"));
  EXPECT_TRUE(has_line(t, R"(flipdns_controller_decision_epoch{group="app.example.com."} 7)"));
  EXPECT_TRUE(has_line(
      t, R"(flipdns_controller_alert_active{group="app.example.com.",kind="all_pools_down"} 1)"));
  EXPECT_TRUE(has_line(
      t, R"(flipdns_controller_publish_total{server="http://127.0.0.1:8053",result="ok"} 4)"));
  EXPECT_TRUE(
      has_line(t, R"(flipdns_controller_server_in_sync{server="http://127.0.0.1:8053"} 0)"));
  EXPECT_TRUE(
      has_line(t, R"(flipdns_controller_server_lag_seconds{server="http://127.0.0.1:8053"} 1.5)"));
  EXPECT_NE(t.find("# TYPE flipdns_controller_checks_total counter\n"), std::string::npos);
}

}  // namespace
}  // namespace flipdns::daemon
