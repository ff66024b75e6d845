#include "resolver/server/logger.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>
#include <vector>

namespace flipdns {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

system_clock::time_point fixed_time() {
  // 2024-05-01T12:00:00.123Z
  return system_clock::time_point(milliseconds(1714564800123));
}

TEST(Logger, WritesOneJsonObjectPerLine) {
  std::ostringstream out;
  Logger log(out, LogLevel::kInfo, fixed_time);
  log.info("listening", {{"threads", 2}, {"listen", {"127.0.0.1:53"}}});
  EXPECT_EQ(out.str(), R"({"ts":"2024-05-01T12:00:00.123Z","level":"info","msg":"listening",)"
                       R"("listen":["127.0.0.1:53"],"threads":2})"
                       "\n");
}

TEST(Logger, DropsLinesBelowTheLevel) {
  std::ostringstream out;
  Logger log(out, LogLevel::kWarn, fixed_time);
  log.info("quiet");
  log.debug("quieter");
  log.error("loud");
  auto line = nlohmann::json::parse(out.str());
  EXPECT_EQ(line["level"], "error");
  EXPECT_EQ(line["msg"], "loud");
}

TEST(Logger, FieldsCannotOverwriteTheFixedKeys) {
  std::ostringstream out;
  Logger log(out, LogLevel::kInfo, fixed_time);
  log.info("real", {{"msg", "fake"}, {"level", "error"}});
  auto line = nlohmann::json::parse(out.str());
  EXPECT_EQ(line["msg"], "real");
  EXPECT_EQ(line["level"], "info");
}

TEST(Logger, ReplacesInvalidUtf8InsteadOfThrowing) {
  std::ostringstream out;
  Logger log(out, LogLevel::kInfo, fixed_time);
  log.error("bad \xff name", {{"file", "zone\xfe.db"}});
  auto line = nlohmann::json::parse(out.str());
  EXPECT_EQ(line["level"], "error");
}

TEST(Logger, LinesFromManyThreadsStayWhole) {
  std::ostringstream out;
  Logger log(out, LogLevel::kInfo, fixed_time);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&log, t] {
      for (int i = 0; i < 200; ++i) log.info("tick", {{"thread", t}, {"i", i}});
    });
  }
  for (auto& t : threads) t.join();
  std::istringstream in(out.str());
  std::string line;
  int count = 0;
  while (std::getline(in, line)) {
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;  // one whole JSON object a line
    ++count;
  }
  EXPECT_EQ(count, 800);
}

TEST(ParseLogLevel, KnowsTheFourLevels) {
  EXPECT_EQ(parse_log_level("debug"), LogLevel::kDebug);
  EXPECT_EQ(parse_log_level("info"), LogLevel::kInfo);
  EXPECT_EQ(parse_log_level("warn"), LogLevel::kWarn);
  EXPECT_EQ(parse_log_level("error"), LogLevel::kError);
  EXPECT_EQ(parse_log_level("loud"), std::nullopt);
}

TEST(FormatRfc3339, WritesUtcWithMilliseconds) {
  EXPECT_EQ(format_rfc3339(system_clock::time_point(milliseconds(0))), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(fixed_time()), "2024-05-01T12:00:00.123Z");
}

}  // namespace
}  // namespace flipdns
