#include "controller/state/audit_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "controller/state/atomic_file.h"

namespace flipdns::state {
namespace {

class AuditLogTest : public ::testing::Test {
 protected:
  AuditLogTest()
      : dir_(std::filesystem::temp_directory_path() /
             ("flipdns-audit-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~AuditLogTest() override { std::filesystem::remove_all(dir_); }

  AuditEntry entry(std::string kind, uint64_t epoch) {
    AuditEntry e;
    e.time = clock_.wall_now();
    e.group = "app.example.com.";
    e.from = "primary";
    e.to = "standby";
    e.reason = "test " + std::to_string(epoch);
    e.actor = "operator:bob";
    e.epoch = epoch;
    e.kind = std::move(kind);
    e.members = {"198.51.100.10"};
    return e;
  }

  std::filesystem::path dir_;
  engine::FakeClock clock_;
};

TEST_F(AuditLogTest, OneJsonObjectPerLineWithEveryField) {
  AuditLog log(dir_ / "audit.jsonl");
  EXPECT_EQ(log.append(entry("flip", 7)), 1u);
  std::string text = *read_file(dir_ / "audit.jsonl");
  ASSERT_EQ(text.back(), '\n');
  auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["time"], "2024-01-01T00:00:00.000Z");
  EXPECT_EQ(j["group"], "app.example.com.");
  EXPECT_EQ(j["from"], "primary");
  EXPECT_EQ(j["to"], "standby");
  EXPECT_EQ(j["reason"], "test 7");
  EXPECT_EQ(j["actor"], "operator:bob");
  EXPECT_EQ(j["epoch"], 7);
  EXPECT_EQ(j["kind"], "flip");
  EXPECT_EQ(j["members"], nlohmann::json::array({"198.51.100.10"}));
  EXPECT_FALSE(j.contains("until"));
}

TEST_F(AuditLogTest, PagesNewestFirst) {
  AuditLog log(dir_ / "audit.jsonl");
  for (uint64_t i = 1; i <= 5; ++i) log.append(entry("auto", i));
  AuditLog::Page p = log.page(2);
  ASSERT_EQ(p.entries.size(), 2u);
  EXPECT_EQ(p.entries[0]["id"], 5);
  EXPECT_EQ(p.entries[1]["id"], 4);
  EXPECT_EQ(p.next_before, 4u);
  p = log.page(2, p.next_before);
  EXPECT_EQ(p.entries[0]["epoch"], 3);
  EXPECT_EQ(p.entries[1]["epoch"], 2);
  p = log.page(2, p.next_before);
  ASSERT_EQ(p.entries.size(), 1u);
  EXPECT_EQ(p.entries[0]["id"], 1);
  EXPECT_FALSE(p.next_before);
  EXPECT_TRUE(log.page(10, 1).entries.empty());
  EXPECT_EQ(log.page(10, 1000).entries.size(), 5u);
}

TEST_F(AuditLogTest, SurvivesARestartAndCutsATornLastLine) {
  {
    AuditLog log(dir_ / "audit.jsonl");
    log.append(entry("pin", 1));
    log.append(entry("unpin", 2));
  }
  {
    std::ofstream f(dir_ / "audit.jsonl", std::ios::app);
    f << "{\"time\":\"2024-01-01T00:00";  // a crash in the middle of a write
  }
  AuditLog log(dir_ / "audit.jsonl");
  EXPECT_EQ(log.size(), 2u);
  EXPECT_EQ(log.append(entry("auto", 3)), 3u);
  AuditLog::Page p = log.page(10);
  ASSERT_EQ(p.entries.size(), 3u);
  EXPECT_EQ(p.entries[0]["kind"], "auto");
  EXPECT_EQ(p.entries[1]["kind"], "unpin");
  EXPECT_EQ(p.entries[2]["kind"], "pin");
}

TEST_F(AuditLogTest, PinsRecordTheirExpiry) {
  AuditLog log(dir_ / "audit.jsonl");
  AuditEntry e = entry("pin", 1);
  e.until = clock_.wall_now() + std::chrono::minutes(30);
  log.append(e);
  EXPECT_EQ(log.page(1).entries[0]["until"], "2024-01-01T00:30:00.000Z");
}

}  // namespace
}  // namespace flipdns::state
