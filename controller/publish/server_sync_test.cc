#include "controller/publish/server_sync.h"

#include <gtest/gtest.h>

namespace flipdns::publish {
namespace {

using std::chrono::milliseconds;

WireDecision d(std::string group, std::string pool, uint64_t epoch,
               std::vector<std::string> members = {"192.0.2.10"}) {
  return {std::move(group), std::move(pool), std::move(members), epoch};
}

std::vector<std::string> groups(const std::vector<const WireDecision*>& v) {
  std::vector<std::string> out;
  for (const WireDecision* w : v) out.push_back(w->group);
  return out;
}

class ServerSyncTest : public ::testing::Test {
 protected:
  engine::Now now() const { return clock_.stamp(); }
  // The first fetch: the server holds nothing yet.
  void meet() {
    ASSERT_TRUE(s_.fetch_due(clock_.now()));
    s_.fetch_started();
    EXPECT_TRUE(s_.fetched({}, now()).empty());
  }

  engine::FakeClock clock_;
  ServerSync s_{"http://ns1:8053", milliseconds(10000)};
};

TEST(RetryDelay, DoublesFrom250msUpToTheCap) {
  EXPECT_EQ(retry_delay(1, milliseconds(10000)), milliseconds(250));
  EXPECT_EQ(retry_delay(2, milliseconds(10000)), milliseconds(500));
  EXPECT_EQ(retry_delay(3, milliseconds(10000)), milliseconds(1000));
  EXPECT_EQ(retry_delay(7, milliseconds(10000)), milliseconds(10000));
  EXPECT_EQ(retry_delay(1000, milliseconds(10000)), milliseconds(10000));
}

TEST_F(ServerSyncTest, NothingIsPushedBeforeTheServerWasRead) {
  s_.want(d("app.", "standby", 3), now());
  EXPECT_TRUE(s_.due(clock_.now()).empty());
  EXPECT_TRUE(s_.fetch_due(clock_.now()));
  EXPECT_FALSE(s_.status(clock_.now()).in_sync);
}

TEST_F(ServerSyncTest, PushesWhatTheServerLacksAndIsInSyncOnceAcknowledged) {
  meet();
  s_.want(d("app.", "standby", 3), now());
  s_.want(d("api.", "primary", 4), now());
  auto due = s_.due(clock_.now());
  ASSERT_EQ(groups(due), (std::vector<std::string>{"api.", "app."}));
  s_.put_started(*due[0]);
  s_.put_started(*due[1]);
  EXPECT_TRUE(s_.due(clock_.now()).empty());  // one PUT per group at a time
  clock_.advance(milliseconds(40));
  s_.put_ok("api.", now());
  EXPECT_EQ(s_.status(clock_.now()).behind, 1u);
  EXPECT_EQ(s_.status(clock_.now()).lag, milliseconds(40));
  s_.put_ok("app.", now());
  ServerStatus st = s_.status(clock_.now());
  EXPECT_TRUE(st.in_sync);
  EXPECT_EQ(st.lag, milliseconds(0));
  EXPECT_EQ(st.puts_ok, 2u);
  EXPECT_TRUE(s_.due(clock_.now()).empty());
}

TEST_F(ServerSyncTest, ANewerWantWhileInFlightIsPushedAfterwards) {
  meet();
  s_.want(d("app.", "standby", 3), now());
  s_.put_started(*s_.due(clock_.now())[0]);
  s_.want(d("app.", "primary", 5), now());
  s_.put_ok("app.", now());
  auto due = s_.due(clock_.now());
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0]->epoch, 5u);
}

TEST_F(ServerSyncTest, FailuresBackOffAndTheServerIsReadAgainBeforeTheNextPush) {
  meet();
  s_.want(d("app.", "standby", 3), now());
  s_.put_started(*s_.due(clock_.now())[0]);
  s_.put_failed("app.", "Connection refused", now());
  ServerStatus st = s_.status(clock_.now());
  EXPECT_FALSE(st.reachable);
  EXPECT_EQ(st.last_error, "Connection refused");
  EXPECT_EQ(st.consecutive_failures, 1u);
  EXPECT_EQ(s_.retry_at(), clock_.now() + milliseconds(250));
  EXPECT_FALSE(s_.fetch_due(clock_.now()));
  EXPECT_TRUE(s_.due(clock_.now()).empty());
  clock_.advance(milliseconds(250));
  ASSERT_TRUE(s_.fetch_due(clock_.now()));
  s_.fetch_started();
  s_.fetch_failed("Connection refused", now());
  EXPECT_EQ(s_.retry_at(), clock_.now() + milliseconds(500));
  clock_.advance(milliseconds(500));
  s_.fetch_started();
  // Back: it restarted from an old disk and holds epoch 1.
  EXPECT_TRUE(s_.fetched({d("app.", "primary", 1)}, now()).empty());
  EXPECT_EQ(s_.status(clock_.now()).consecutive_failures, 0u);
  auto due = s_.due(clock_.now());
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0]->epoch, 3u);
}

TEST_F(ServerSyncTest, ANewerEpochOnTheServerIsReportedNotOverwritten) {
  meet();
  s_.want(d("app.", "primary", 3), now());
  s_.put_started(*s_.due(clock_.now())[0]);
  s_.put_conflict("app.", now());
  EXPECT_TRUE(s_.due(clock_.now()).empty());
  ASSERT_TRUE(s_.fetch_due(clock_.now()));
  s_.fetch_started();
  auto reports = s_.fetched({d("app.", "standby", 9)}, now());
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].kind, ServerReport::Kind::kNewer);
  EXPECT_EQ(reports[0].held.epoch, 9u);
  EXPECT_EQ(reports[0].server, "http://ns1:8053");
  EXPECT_TRUE(s_.due(clock_.now()).empty());  // never pushes epoch 3 over 9
  // The controller adopts it: in sync without a push.
  s_.want(d("app.", "standby", 9), now());
  EXPECT_TRUE(s_.due(clock_.now()).empty());
  EXPECT_TRUE(s_.status(clock_.now()).in_sync);
}

TEST_F(ServerSyncTest, TheSameEpochWithOtherContentIsAConflict) {
  meet();
  s_.want(d("app.", "primary", 3), now());
  s_.fetch_started();
  auto reports = s_.fetched({d("app.", "standby", 3)}, now());
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].kind, ServerReport::Kind::kConflict);
  EXPECT_TRUE(s_.due(clock_.now()).empty());
  s_.want(d("app.", "primary", 4), now());  // the controller's answer: a new epoch
  EXPECT_EQ(s_.due(clock_.now()).size(), 1u);
}

TEST_F(ServerSyncTest, DecisionsTheControllerHasNoneForAreReportedAsNewer) {
  meet();
  s_.fetch_started();
  auto reports =
      s_.fetched({d("app.", "standby", 2), d("api.", "primary", 0, {"192.0.2.20"})}, now());
  ASSERT_EQ(reports.size(), 1u);  // epoch 0 is the server's default, not a decision
  EXPECT_EQ(reports[0].held.group, "app.");
}

TEST_F(ServerSyncTest, ARejectedGroupWaitsForTheNextFetchOrANewEpoch) {
  meet();
  s_.want(d("new.", "primary", 3), now());
  s_.want(d("app.", "primary", 4), now());
  for (const WireDecision* w : s_.due(clock_.now())) s_.put_started(*w);
  s_.put_rejected("new.", "HTTP 404: unknown group new.", now());
  s_.put_ok("app.", now());
  EXPECT_TRUE(s_.due(clock_.now()).empty());
  ServerStatus st = s_.status(clock_.now());
  EXPECT_TRUE(st.reachable);
  EXPECT_FALSE(st.in_sync);
  EXPECT_EQ(st.behind, 1u);
  EXPECT_EQ(st.last_error, "HTTP 404: unknown group new.");
  s_.want(d("new.", "primary", 5), now());
  EXPECT_EQ(s_.due(clock_.now()).size(), 1u);
}

TEST_F(ServerSyncTest, AReconcileFindsDrift) {
  meet();
  s_.want(d("app.", "standby", 3), now());
  s_.put_started(*s_.due(clock_.now())[0]);
  s_.put_ok("app.", now());
  ASSERT_TRUE(s_.status(clock_.now()).in_sync);
  // The periodic read shows the server lost it.
  s_.fetch_started();
  EXPECT_TRUE(s_.fetched({d("app.", "primary", 0)}, now()).empty());
  EXPECT_FALSE(s_.status(clock_.now()).in_sync);
  EXPECT_EQ(s_.due(clock_.now()).size(), 1u);
}

}  // namespace
}  // namespace flipdns::publish
