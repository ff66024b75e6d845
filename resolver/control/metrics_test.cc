#include "resolver/control/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

namespace flipdns::control {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

MetricsInput sample_input() {
  MetricsInput in;
  in.queries.udp = 10;
  in.queries.tcp = 2;
  in.queries.by_qtype = {{1, 8}, {28, 3}, {65400, 1}};
  in.queries.other_qtypes = 4;
  in.queries.by_rcode = {{0, 9}, {3, 2}, {16, 1}};
  in.queries.truncated = 1;
  in.queries.no_response = 1;
  in.decision_requests = {{200, 3}, {409, 1}};
  in.decisions_applied = 2;
  in.control_requests = {{200, 5}, {401, 1}};
  in.reloads_ok = 4;
  in.reloads_failed = 1;
  in.last_reload_ok = false;
  in.last_reload_at = std::chrono::system_clock::time_point(std::chrono::seconds(1714566896));
  in.zones = {{"example.com.", 1700000042}, {"we\"ird.example.", 7}};
  in.groups = {{"app.example.com.", {"primary", "standby"}, "standby", 7, 1}};
  in.version = "0.1.0";
  in.started_at = std::chrono::system_clock::time_point(std::chrono::seconds(1714566800));
  return in;
}

// The exposition format's structure: every sample belongs to the family whose
// HELP and TYPE lines came just before, and no family appears twice.
void expect_well_formed(const std::string& text) {
  std::istringstream lines(text);
  std::string line, help, type;
  std::set<std::string> seen;
  while (std::getline(lines, line)) {
    ASSERT_FALSE(line.empty());
    if (line.starts_with("# HELP ")) {
      help = line.substr(7, line.find(' ', 7) - 7);
      EXPECT_TRUE(seen.insert(help).second) << "family twice: " << help;
    } else if (line.starts_with("# TYPE ")) {
      type = line.substr(7, line.find(' ', 7) - 7);
      EXPECT_EQ(type, help) << line;
      EXPECT_TRUE(line.ends_with(" counter") || line.ends_with(" gauge")) << line;
    } else {
      std::string name = line.substr(0, line.find_first_of("{ "));
      EXPECT_EQ(name, type) << line;
    }
  }
  EXPECT_TRUE(text.ends_with("\n"));
}

TEST(MetricsTest, RendersEveryFamilyWellFormed) {
  std::string text = render_metrics(sample_input());
  expect_well_formed(text);
  for (const char* want : {
           "flipdns_auth_queries_total{transport=\"udp\"} 10\n",
           "flipdns_auth_queries_total{transport=\"tcp\"} 2\n",
           "flipdns_auth_queries_by_qtype_total{qtype=\"A\"} 8\n",
           "flipdns_auth_queries_by_qtype_total{qtype=\"AAAA\"} 3\n",
           "flipdns_auth_queries_by_qtype_total{qtype=\"TYPE65400\"} 1\n",
           "flipdns_auth_queries_by_qtype_total{qtype=\"other\"} 4\n",
           "flipdns_auth_responses_total{rcode=\"NOERROR\"} 9\n",
           "flipdns_auth_responses_total{rcode=\"NXDOMAIN\"} 2\n",
           "flipdns_auth_responses_total{rcode=\"BADVERS\"} 1\n",
           "flipdns_auth_responses_truncated_total 1\n",
           "flipdns_auth_queries_unanswered_total 1\n",
           "flipdns_auth_decision_requests_total{code=\"200\"} 3\n",
           "flipdns_auth_decision_requests_total{code=\"409\"} 1\n",
           "flipdns_auth_decisions_applied_total 2\n",
           "flipdns_auth_groups 1\n",
           "flipdns_auth_group_epoch{group=\"app.example.com.\"} 7\n",
           "flipdns_auth_group_pool_active{group=\"app.example.com.\",pool=\"primary\"} 0\n",
           "flipdns_auth_group_pool_active{group=\"app.example.com.\",pool=\"standby\"} 1\n",
           "flipdns_auth_group_members_served{group=\"app.example.com.\"} 1\n",
           "flipdns_auth_reloads_total{result=\"ok\"} 4\n",
           "flipdns_auth_reloads_total{result=\"failed\"} 1\n",
           "flipdns_auth_last_reload_success 0\n",
           "flipdns_auth_last_reload_timestamp_seconds 1714566896\n",
           "flipdns_auth_zones 2\n",
           "flipdns_auth_zone_serial{zone=\"example.com.\"} 1700000042\n",
           "flipdns_auth_zone_serial{zone=\"we\\\"ird.example.\"} 7\n",
           "flipdns_auth_control_requests_total{code=\"401\"} 1\n",
           "flipdns_auth_start_time_seconds 1714566800\n",
           "flipdns_auth_build_info{version=\"0.1.0\"} 1\n",
       })
    EXPECT_THAT(text, HasSubstr(want));
  EXPECT_THAT(text, HasSubstr("# TYPE flipdns_auth_zone_serial gauge\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE flipdns_auth_reloads_total counter\n"));
}

TEST(MetricsTest, EmptyInputIsStillWellFormed) {
  std::string text = render_metrics({});
  expect_well_formed(text);
  EXPECT_THAT(text, HasSubstr("flipdns_auth_zones 0\n"));
  EXPECT_THAT(text, Not(HasSubstr("qtype=\"other\"")));  // no sample for an empty bucket
}

TEST(MetricsTest, RcodeNames) {
  EXPECT_EQ(rcode_name(0), "NOERROR");
  EXPECT_EQ(rcode_name(5), "REFUSED");
  EXPECT_EQ(rcode_name(9), "NOTAUTH");
  EXPECT_EQ(rcode_name(16), "BADVERS");
  EXPECT_EQ(rcode_name(23), "BADCOOKIE");
  EXPECT_EQ(rcode_name(12), "RCODE12");
  EXPECT_EQ(rcode_name(24), "RCODE24");
}

}  // namespace
}  // namespace flipdns::control
