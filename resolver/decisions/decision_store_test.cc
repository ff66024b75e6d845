#include "resolver/decisions/decision_store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "resolver/decisions/test_config.h"

namespace flipdns::decisions {
namespace {

TEST(DecisionStore, SavesAndLoadsAtomically) {
  testing::TempDir dir;
  DecisionStore store(dir.path() / "state");
  EXPECT_TRUE(store.load().decisions.empty());
  SavedState m;
  m.decisions["app.example.com."] = {"app.example.com.", "standby", {"198.51.100.10"}, 7};
  m.serials["example.com."] = {4000000000u, 0xfedcba9876543210ull};
  store.save(m);
  EXPECT_EQ(DecisionStore(dir.path() / "state").load(), m);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "state" / "decisions.json.tmp"));
}

TEST(DecisionStore, CorruptFileIsAnErrorNotAnEmptyState) {
  testing::TempDir dir;
  dir.write("decisions.json", "{not json");
  EXPECT_THROW(DecisionStore(dir.path()).load(), std::runtime_error);
}

TEST(DecisionStore, NoDirectoryKeepsNothing) {
  DecisionStore store("");
  store.save({{{"a.", {"a.", "p", {"192.0.2.1"}, 1}}}, {}});
  EXPECT_TRUE(store.load().decisions.empty());
}

}  // namespace
}  // namespace flipdns::decisions
