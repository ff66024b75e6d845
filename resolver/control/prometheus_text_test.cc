#include "resolver/control/prometheus_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace flipdns::control {
namespace {

using Type = PrometheusText::Type;

TEST(PrometheusTextTest, FamiliesHaveHelpAndTypeBeforeTheirSamples) {
  PrometheusText p;
  p.family("x_requests_total", Type::kCounter, "Requests.");
  p.sample({{"code", "200"}}, uint64_t{3});
  p.sample({{"code", "404"}, {"path", "/a"}}, uint64_t{1});
  p.family("x_up", Type::kGauge, "Up.");
  p.sample(uint64_t{1});
  EXPECT_EQ(p.text(),
            "# HELP x_requests_total Requests.\n"
            "# TYPE x_requests_total counter\n"
            "x_requests_total{code=\"200\"} 3\n"
            "x_requests_total{code=\"404\",path=\"/a\"} 1\n"
            "# HELP x_up Up.\n"
            "# TYPE x_up gauge\n"
            "x_up 1\n");
}

TEST(PrometheusTextTest, EscapesLabelValuesAndHelp) {
  EXPECT_EQ(escape_label_value("plain.example.com."), "plain.example.com.");
  EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  PrometheusText p;
  p.family("x", Type::kGauge, "line one\nback\\slash \"quoted\"");
  p.sample({{"zone", "we\"ird\\\n."}}, uint64_t{7});
  EXPECT_EQ(p.text(),
            "# HELP x line one\\nback\\\\slash \"quoted\"\n"
            "# TYPE x gauge\n"
            "x{zone=\"we\\\"ird\\\\\\n.\"} 7\n");
}

TEST(PrometheusTextTest, FormatsDoubles) {
  PrometheusText p;
  p.family("x", Type::kGauge, "X.");
  p.sample({}, 1.5);
  p.sample({}, 1714566896.789);
  p.sample({}, std::numeric_limits<double>::quiet_NaN());
  p.sample({}, std::numeric_limits<double>::infinity());
  p.sample({}, -std::numeric_limits<double>::infinity());
  EXPECT_EQ(p.text(),
            "# HELP x X.\n# TYPE x gauge\nx 1.5\nx 1714566896.789\nx NaN\nx +Inf\nx -Inf\n");
}

TEST(PrometheusTextTest, RefusesNamesPrometheusWouldNotParse) {
  PrometheusText p;
  EXPECT_THROW(p.sample(uint64_t{1}), std::logic_error);  // no family yet
  EXPECT_THROW(p.family("", Type::kGauge, ""), std::invalid_argument);
  EXPECT_THROW(p.family("9lives", Type::kGauge, ""), std::invalid_argument);
  EXPECT_THROW(p.family("has-dash", Type::kGauge, ""), std::invalid_argument);
  p.family("ns:ok_1", Type::kGauge, "");
  EXPECT_THROW(p.sample({{"bad-label", "v"}}, uint64_t{1}), std::invalid_argument);
  EXPECT_THROW(p.sample({{"__reserved", "v"}}, uint64_t{1}), std::invalid_argument);
  EXPECT_THROW(p.sample({{"a:b", "v"}}, uint64_t{1}), std::invalid_argument);
}

}  // namespace
}  // namespace flipdns::control
