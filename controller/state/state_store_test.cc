#include "controller/state/state_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "controller/state/atomic_file.h"

namespace flipdns::state {
namespace {

class StateStoreTest : public ::testing::Test {
 protected:
  StateStoreTest()
      : dir_(std::filesystem::temp_directory_path() /
             ("flipdns-state-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::remove_all(dir_);
  }
  ~StateStoreTest() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  engine::FakeClock clock_;
};

TEST_F(StateStoreTest, AFreshDirectoryStartsAtEpochZero) {
  StateStore s(dir_ / "nested");
  EXPECT_EQ(s.state().epoch, 0u);
  EXPECT_TRUE(s.state().decisions.empty());
  EXPECT_TRUE(std::filesystem::is_directory(dir_ / "nested"));
}

TEST_F(StateStoreTest, DecisionsPinsAndEpochsSurviveARestart) {
  {
    StateStore s(dir_);
    engine::Decision d{"standby", {"198.51.100.10"}, s.next_epoch(), "primary down"};
    s.put_decision("app.example.com.", d, clock_.wall_now());
    s.put_pin("app.example.com.",
              engine::Pin{"standby", clock_.wall_now() + std::chrono::minutes(30), "operator:carol",
                          "db migration"});
    EXPECT_EQ(s.next_epoch(), 2u);  // handed out, never used: still counts
    ASSERT_TRUE(s.dirty());
    s.save();
    EXPECT_FALSE(s.dirty());
  }
  StateStore s(dir_);
  EXPECT_EQ(s.state().epoch, 2u);
  EXPECT_EQ(s.next_epoch(), 3u);
  const StoredDecision& sd = s.state().decisions.at("app.example.com.");
  EXPECT_EQ(sd.decision.pool, "standby");
  EXPECT_EQ(sd.decision.members, std::vector<std::string>{"198.51.100.10"});
  EXPECT_EQ(sd.decision.epoch, 1u);
  EXPECT_EQ(sd.decision.reason, "primary down");
  EXPECT_EQ(sd.at, clock_.wall_now());
  const engine::Pin& pin = s.state().pins.at("app.example.com.");
  EXPECT_EQ(pin.until, clock_.wall_now() + std::chrono::minutes(30));
  EXPECT_EQ(pin.actor, "operator:carol");
}

TEST_F(StateStoreTest, EpochsOnlyRise) {
  StateStore s(dir_);
  s.raise_epoch(41);
  EXPECT_EQ(s.next_epoch(), 42u);
  s.raise_epoch(7);
  EXPECT_EQ(s.next_epoch(), 43u);
  s.put_decision("g.", engine::Decision{"p", {"192.0.2.1"}, 100, ""}, clock_.wall_now());
  EXPECT_EQ(s.next_epoch(), 101u);
}

TEST_F(StateStoreTest, EpochsAreUnsigned64Bit) {
  StoredState st;
  st.epoch = 18446744073709551615ull;
  st.decisions["g."] = StoredDecision{engine::Decision{"p", {"192.0.2.1"}, st.epoch, ""}, {}};
  StoredState back = StateStore::parse(StateStore::serialize(st));
  EXPECT_EQ(back.epoch, 18446744073709551615ull);
  EXPECT_EQ(back.decisions.at("g.").decision.epoch, 18446744073709551615ull);
}

TEST_F(StateStoreTest, ForgetDropsTheGroupsDecisionAndPin) {
  StateStore s(dir_);
  s.put_decision("g.", engine::Decision{"p", {"192.0.2.1"}, 1, ""}, clock_.wall_now());
  s.put_pin("g.", engine::Pin{"p", clock_.wall_now(), "operator", ""});
  s.forget("g.");
  EXPECT_TRUE(s.state().decisions.empty());
  EXPECT_TRUE(s.state().pins.empty());
  EXPECT_EQ(s.state().epoch, 1u);  // the epoch was handed out all the same
}

TEST_F(StateStoreTest, ACorruptFileStopsTheStart) {
  std::filesystem::create_directories(dir_);
  write_file_atomically(dir_ / "state.json", "{\"version\":1,\"epoch\":\"many\"");
  EXPECT_THROW(StateStore s(dir_), StateError);
  write_file_atomically(dir_ / "state.json",
                        R"({"version":1,"epoch":3,"decisions":{"g.":{"pool":"p","members":[],)"
                        R"("epoch":9}},"pins":{}})");
  try {
    StateStore s(dir_);
    ADD_FAILURE() << "accepted a decision newer than the last epoch";
  } catch (const StateError& e) {
    EXPECT_NE(std::string(e.what()).find("decision of g."), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace flipdns::state
