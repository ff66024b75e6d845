// The decision loop with fakes for the clock, timers, probes and publisher,
// and a real state dir: checks in, decisions out, in the order the design
// wants (persist, audit, publish).
#include "controller/daemon/controller.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "controller/net/fake_timers.h"
#include "controller/probe/fake_probes.h"
#include "controller/state/atomic_file.h"

namespace flipdns::daemon {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

const char* kZone = R"(zone: example.com.
ttl: 1h
soa: { mname: ns1.example.com., rname: hostmaster.example.com. }
ns: [ns1.example.com.]
records:
  - { name: ns1, type: A, value: 192.0.2.53 }
groups:
  app:
    check: { type: http, port: 8080, path: /healthz, interval: 1s, timeout: 500ms, rise: 2, fall: 3 }
    policy: { hold_down: 60s, failback: manual }
    pools:
      - { name: primary, members: [192.0.2.10, 192.0.2.11] }
      - { name: standby, members: [198.51.100.10] }
)";

const std::string kApp = "app.example.com.";

class FakePublisher final : public publish::Publisher {
 public:
  explicit FakePublisher(const std::filesystem::path& state_file) : state_file_(state_file) {}

  void start(std::function<void(std::vector<publish::ServerView>)> done) override {
    start_ = std::move(done);
  }
  void finish_start(std::vector<publish::ServerView> views = {}) {
    auto done = std::move(start_);
    done(std::move(views));
  }
  void publish(const publish::WireDecision& d) override {
    published.push_back(d);
    // What the state dir held when the decision went out.
    auto text = state::read_file(state_file_);
    persisted_epoch_at_publish.push_back(
        text ? state::StateStore::parse(*text).decisions.at(d.group).decision.epoch : 0);
  }
  void forget(const std::string& group) override { forgotten.push_back(group); }
  std::vector<publish::ServerStatus> status() const override { return {}; }
  void on_report(OnReport handler) override { report = std::move(handler); }

  std::vector<publish::WireDecision> published;
  std::vector<uint64_t> persisted_epoch_at_publish;
  std::vector<std::string> forgotten;
  OnReport report;

 private:
  std::filesystem::path state_file_;
  std::function<void(std::vector<publish::ServerView>)> start_;
};

class ControllerTest : public ::testing::Test {
 protected:
  ControllerTest()
      : dir_(std::filesystem::temp_directory_path() /
             ("flipdns-controller-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name())),
        timers_(clock_),
        random_({100}),  // no jitter; first checks 100 ms after the start
        log_(log_text_, LogLevel::kDebug) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "zones");
    write_zone(kZone);
  }
  ~ControllerTest() override {
    controller_.reset();
    std::filesystem::remove_all(dir_);
  }

  void write_zone(const std::string& text) {
    std::ofstream(dir_ / "zones" / "example.com.yaml") << text;
  }

  zones::LoadResult load() { return zones::load_config_dir(dir_ / "zones"); }

  // Makes the controller (with whatever the state dir holds) and starts it;
  // the publisher's cold start is finished with `views`.
  void start(std::vector<publish::ServerView> views = {}) {
    store_.emplace(dir_ / "state");
    audit_.emplace(dir_ / "state" / "audit.jsonl");
    publisher_.emplace(dir_ / "state" / "state.json");
    auto loaded = load();
    ASSERT_TRUE(loaded.ok());
    controller_ = std::make_unique<Controller>(
        ControllerDeps{clock_, random_, timers_, probes_, *publisher_, *store_, *audit_, log_},
        loaded.config);
    controller_->start();
    EXPECT_FALSE(controller_->running());
    publisher_->finish_start(std::move(views));
    EXPECT_TRUE(controller_->running());
  }

  // Every member answers `ok`, until told otherwise.
  void all(bool ok) {
    for (const char* m : {"192.0.2.10", "192.0.2.11", "198.51.100.10"})
      probes_.always(m, ok, "down");
  }

  nlohmann::json group() { return controller_->group(kApp).body; }
  std::string pool() { return group()["decision"]["pool"]; }
  uint64_t epoch() { return group()["decision"]["epoch"]; }
  std::vector<nlohmann::json> audit_entries() {
    return controller_->audit({100, std::nullopt}).body["entries"];
  }

  api::Identity carol{api::Role::kOperator, "carol"};
  std::filesystem::path dir_;
  engine::FakeClock clock_;
  net::FakeTimers timers_;
  engine::FakeRandom random_;
  probe::FakeProbes probes_;
  std::ostringstream log_text_;
  Logger log_;
  std::optional<state::StateStore> store_;
  std::optional<state::AuditLog> audit_;
  std::optional<FakePublisher> publisher_;
  std::unique_ptr<Controller> controller_;
};

TEST_F(ControllerTest, AFreshStartServesTheFirstPoolAndMakesNoDecisionWhileAllIsWell) {
  all(true);
  start();
  EXPECT_EQ(pool(), "primary");
  EXPECT_EQ(epoch(), 0u);
  EXPECT_FALSE(group()["warmed_up"]);
  timers_.advance(milliseconds(1100));  // two checks each: every member healthy
  EXPECT_TRUE(group()["warmed_up"]);
  EXPECT_EQ(epoch(), 0u);  // what auth servers serve by default already
  EXPECT_TRUE(publisher_->published.empty());
  EXPECT_TRUE(audit_entries().empty());
}

TEST_F(ControllerTest, FailoverIsPersistedAuditedThenPublished) {
  all(true);
  start();
  timers_.advance(milliseconds(1100));
  probes_.always("192.0.2.10", false, "connection refused");
  probes_.always("192.0.2.11", false, "connection refused");
  timers_.advance(milliseconds(2000));  // two failures: not yet
  EXPECT_EQ(pool(), "primary");
  timers_.advance(milliseconds(1000));  // the third
  // The members fail one after the other within the same instant: first the
  // primary serves only its last healthy member, then the group flips.
  EXPECT_EQ(pool(), "standby");
  EXPECT_EQ(epoch(), 2u);
  ASSERT_EQ(publisher_->published.size(), 2u);
  EXPECT_EQ(publisher_->published[0].pool, "primary");
  EXPECT_EQ(publisher_->published[0].members, std::vector<std::string>{"192.0.2.11"});
  EXPECT_EQ(publisher_->published[1].pool, "standby");
  EXPECT_EQ(publisher_->published[1].members, std::vector<std::string>{"198.51.100.10"});
  EXPECT_EQ(publisher_->published[1].epoch, 2u);
  // Each on disk before it went out.
  EXPECT_EQ(publisher_->persisted_epoch_at_publish, (std::vector<uint64_t>{1, 2}));
  auto entries = audit_entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["kind"], "auto");
  EXPECT_EQ(entries[0]["from"], "primary");
  EXPECT_EQ(entries[0]["to"], "standby");
  EXPECT_EQ(entries[0]["actor"], "controller");
  EXPECT_EQ(entries[0]["epoch"], 2);
  EXPECT_NE(entries[0]["reason"].get<std::string>().find("primary below min_healthy"),
            std::string::npos);
  EXPECT_EQ(entries[1]["to"], "primary");
  EXPECT_EQ(entries[1]["members"], nlohmann::json::array({"192.0.2.11"}));
  const std::string metrics = controller_->metrics();
  EXPECT_NE(
      metrics.find(R"(flipdns_controller_flips_total{group="app.example.com.",kind="auto"} 1)"),
      std::string::npos);
  EXPECT_NE(log_text_.str().find("\"msg\":\"decision\""), std::string::npos);
}

TEST_F(ControllerTest, TheColdStartAdoptsTheNewestDecisionAndARestartCausesNoFlip) {
  {
    state::StateStore old(dir_ / "state");
    old.put_decision(kApp, {"primary", {"192.0.2.10", "192.0.2.11"}, 3, "old"}, clock_.wall_now());
    old.save();
  }
  publish::ServerView a{"http://a", true, "", {{kApp, "standby", {"198.51.100.10"}, 5}}};
  publish::ServerView b{"http://b", true, "", {{kApp, "primary", {"192.0.2.10"}, 4}}};
  publish::ServerView dead{"http://c", false, "Connection refused", {}};
  all(true);
  start({a, b, dead});
  EXPECT_EQ(pool(), "standby");
  EXPECT_EQ(epoch(), 5u);
  ASSERT_EQ(publisher_->published.size(), 1u);  // so that b and c catch up
  EXPECT_EQ(publisher_->published[0].epoch, 5u);
  // Everything healthy, failback manual: staying on standby is no flip.
  timers_.advance(seconds(10));
  EXPECT_EQ(pool(), "standby");
  EXPECT_EQ(epoch(), 5u);
  EXPECT_EQ(publisher_->published.size(), 1u);
  EXPECT_TRUE(audit_entries().empty());
  EXPECT_EQ(store_->state().epoch, 5u);
}

TEST_F(ControllerTest, NoAutomaticFlipBeforeEveryMemberWasEvaluated) {
  probes_.always("192.0.2.10", false);
  probes_.always("192.0.2.11", false);
  // The standby's check never answers: it stays unknown.
  start();
  timers_.advance(seconds(5));
  EXPECT_EQ(pool(), "primary");
  EXPECT_NE(group()["status"].get<std::string>().find("cold start"), std::string::npos);
  EXPECT_TRUE(probes_.answer({kApp, "198.51.100.10"}, true));
  timers_.advance(seconds(1));
  EXPECT_TRUE(probes_.answer({kApp, "198.51.100.10"}, true));
  EXPECT_EQ(pool(), "standby");
}

TEST_F(ControllerTest, AManualFlipIsOneAuditedDecisionByItsActor) {
  all(true);
  start();
  timers_.advance(milliseconds(1100));
  api::Reply r = controller_->flip(kApp, {"standby", "test the standby"}, carol);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body["changed"], true);
  EXPECT_EQ(pool(), "standby");
  auto entries = audit_entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["kind"], "flip");
  EXPECT_EQ(entries[0]["actor"], "operator:carol");
  EXPECT_NE(entries[0]["reason"].get<std::string>().find("test the standby"), std::string::npos);
  ASSERT_EQ(publisher_->published.size(), 1u);
  // Failback is manual: the flip stays.
  timers_.advance(minutes(5));
  EXPECT_EQ(pool(), "standby");
}

TEST_F(ControllerTest, OverridesAreCheckedFirst) {
  all(true);
  EXPECT_FALSE(controller_);
  store_.emplace(dir_ / "state");
  audit_.emplace(dir_ / "state" / "audit.jsonl");
  publisher_.emplace(dir_ / "state" / "state.json");
  controller_ = std::make_unique<Controller>(
      ControllerDeps{clock_, random_, timers_, probes_, *publisher_, *store_, *audit_, log_},
      load().config);
  controller_->start();
  EXPECT_EQ(controller_->flip(kApp, {"standby", ""}, carol).status, 503);  // still starting
  EXPECT_EQ(controller_->healthz().status, 503);
  publisher_->finish_start();
  EXPECT_EQ(controller_->healthz().status, 200);
  EXPECT_EQ(controller_->flip("nope.example.com.", {"standby", ""}, carol).status, 404);
  api::Reply r = controller_->flip(kApp, {"dr", ""}, carol);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["error"], "group app.example.com. has no pool dr (pools: primary, standby)");
  EXPECT_EQ(controller_->pin(kApp, {"dr", minutes(30), ""}, carol).status, 400);
  EXPECT_EQ(controller_->unpin("nope.example.com.", carol).status, 404);
  EXPECT_EQ(controller_->group("nope.example.com.").status, 404);
}

TEST_F(ControllerTest, APinHoldsUntilItExpiresAndSurvivesARestart) {
  all(true);
  start();
  timers_.advance(milliseconds(1100));
  api::Reply r = controller_->pin(kApp, {"standby", minutes(30), "db migration"}, carol);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(pool(), "standby");
  EXPECT_EQ(group()["pin"]["actor"], "operator:carol");
  EXPECT_EQ(group()["pin"]["until"], "2024-01-01T00:30:01.100Z");
  // A flip while pinned is refused before it reaches the engine.
  r = controller_->flip(kApp, {"primary", ""}, carol);
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body["error"].get<std::string>().find("pinned to standby"), std::string::npos);
  EXPECT_EQ(store_->state().pins.at(kApp).pool, "standby");

  // A restart keeps the pin.
  controller_.reset();
  start();
  EXPECT_EQ(group()["pin"]["pool"], "standby");

  timers_.advance(minutes(30));
  EXPECT_TRUE(group()["pin"].is_null());
  EXPECT_TRUE(store_->state().pins.empty());
  EXPECT_EQ(pool(), "standby");  // failback manual: the pin's pool stays
  auto entries = audit_entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["kind"], "unpin");
  EXPECT_EQ(entries[0]["actor"], "controller");
  EXPECT_EQ(entries[1]["kind"], "pin");
  EXPECT_EQ(entries[1]["until"], "2024-01-01T00:30:01.100Z");
}

TEST_F(ControllerTest, UnpinIsAuditedAndIdempotent) {
  all(true);
  start();
  timers_.advance(milliseconds(1100));
  controller_->pin(kApp, {"standby", minutes(30), "db"}, carol);
  api::Reply r = controller_->unpin(kApp, carol);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body["unpinned"], true);
  r = controller_->unpin(kApp, carol);
  EXPECT_EQ(r.body["unpinned"], false);
  auto entries = audit_entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["kind"], "unpin");
  EXPECT_EQ(entries[0]["actor"], "operator:carol");
}

TEST_F(ControllerTest, EveryPoolDownKeepsTheDecisionAndAlerts) {
  all(true);
  start();
  timers_.advance(milliseconds(1100));
  probes_.always("198.51.100.10", false, "connection refused");
  timers_.advance(seconds(3));  // the standby is down: nothing to decide
  EXPECT_EQ(epoch(), 0u);
  all(false);
  timers_.advance(seconds(3));
  // The primary's members went one after the other: the last one stays served.
  EXPECT_EQ(pool(), "primary");
  EXPECT_EQ(group()["decision"]["members"], nlohmann::json::array({"192.0.2.11"}));
  const uint64_t kept = epoch();
  timers_.advance(seconds(30));
  EXPECT_EQ(epoch(), kept);
  auto alerts = group()["alerts"];
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0]["kind"], "all_pools_down");
  EXPECT_NE(log_text_.str().find("\"level\":\"error\",\"msg\":\"alert\""), std::string::npos);
  EXPECT_NE(
      controller_->metrics().find(
          R"(flipdns_controller_alert_active{group="app.example.com.",kind="all_pools_down"} 1)"),
      std::string::npos);
  // Raised once, not on every evaluation.
  EXPECT_NE(
      controller_->metrics().find(
          R"(flipdns_controller_alerts_total{group="app.example.com.",kind="all_pools_down"} 1)"),
      std::string::npos);
  probes_.always("198.51.100.10", true);
  timers_.advance(seconds(2));
  EXPECT_EQ(pool(), "standby");
  EXPECT_TRUE(group()["alerts"].empty());
}

TEST_F(ControllerTest, ANewerDecisionOnAServerIsAdoptedAndSpread) {
  all(true);
  start();
  timers_.advance(milliseconds(1100));
  publisher_->report(
      {"http://b", {kApp, "standby", {"198.51.100.10"}, 42}, publish::ServerReport::Kind::kNewer});
  EXPECT_EQ(pool(), "standby");
  EXPECT_EQ(epoch(), 42u);
  EXPECT_EQ(store_->state().epoch, 42u);
  ASSERT_EQ(publisher_->published.size(), 1u);
  EXPECT_EQ(publisher_->published[0].epoch, 42u);
  // A stale report (older than what we hold) changes nothing.
  publisher_->report(
      {"http://b", {kApp, "primary", {"192.0.2.10"}, 7}, publish::ServerReport::Kind::kNewer});
  EXPECT_EQ(epoch(), 42u);
}

TEST_F(ControllerTest, OurEpochWithOtherContentOnAServerIsReissuedHigher) {
  all(true);
  start();
  timers_.advance(milliseconds(1100));
  controller_->flip(kApp, {"standby", ""}, carol);
  ASSERT_EQ(epoch(), 1u);
  publisher_->report(
      {"http://b", {kApp, "primary", {"192.0.2.10"}, 1}, publish::ServerReport::Kind::kConflict});
  EXPECT_EQ(pool(), "standby");
  EXPECT_EQ(epoch(), 2u);
  EXPECT_EQ(publisher_->published.back().epoch, 2u);
}

TEST_F(ControllerTest, ReloadKeepsHealthAddsAndRemovesGroupsAndRefusesBadConfig) {
  all(true);
  start();
  timers_.advance(milliseconds(1100));
  std::string two_groups = std::string(kZone) + R"(  api:
    check: { type: tcp, port: 443, interval: 1s, rise: 1, fall: 1 }
    pools:
      - { name: primary, members: [192.0.2.20] }
      - { name: standby, members: [198.51.100.20] }
)";
  write_zone(two_groups);
  controller_->reload(load());
  // app's members kept their health through the reload.
  const nlohmann::json app = group();
  for (const auto& m : app["pools"][0]["members"]) EXPECT_EQ(m["health"], "healthy");
  EXPECT_EQ(controller_->group("api.example.com.").status, 200);

  write_zone("zone: example.com.\ngroups: [1, 2]\n");
  controller_->reload(load());
  api::Reply h = controller_->healthz();
  EXPECT_EQ(h.body["last_reload"]["ok"], false);
  EXPECT_FALSE(h.body["last_reload"]["error"].get<std::string>().empty());
  EXPECT_EQ(controller_->group("api.example.com.").status, 200);  // nothing changed

  write_zone(kZone);
  controller_->reload(load());
  EXPECT_EQ(controller_->group("api.example.com.").status, 404);
  EXPECT_EQ(publisher_->forgotten, std::vector<std::string>{"api.example.com."});
  EXPECT_EQ(controller_->healthz().body["last_reload"]["ok"], true);
}

TEST_F(ControllerTest, ADecisionWaitsForTheStateDirToBeWritable) {
  all(true);
  start();
  timers_.advance(milliseconds(1100));
  // A directory where the state file's temporary copy goes: saving fails.
  std::filesystem::create_directory(dir_ / "state" / "state.json.tmp");
  EXPECT_EQ(controller_->flip(kApp, {"standby", ""}, carol).status, 200);
  EXPECT_EQ(pool(), "standby");
  EXPECT_TRUE(publisher_->published.empty());  // never published unsaved
  EXPECT_EQ(controller_->healthz().body["state_saved"], false);
  timers_.advance(seconds(1));
  EXPECT_TRUE(publisher_->published.empty());
  std::filesystem::remove(dir_ / "state" / "state.json.tmp");
  timers_.advance(seconds(1));
  ASSERT_EQ(publisher_->published.size(), 1u);
  EXPECT_EQ(publisher_->persisted_epoch_at_publish[0], 1u);
  EXPECT_EQ(controller_->healthz().body["state_saved"], true);
}

TEST_F(ControllerTest, TheGroupViewExplainsItself) {
  probes_.always("192.0.2.10", true);
  probes_.always("192.0.2.11", false, "status 503 (expected 200)");
  probes_.always("198.51.100.10", true);
  start();
  timers_.advance(milliseconds(2100));
  nlohmann::json g = group();
  EXPECT_EQ(g["zone"], "example.com.");
  EXPECT_EQ(g["decision"]["members"], nlohmann::json::array({"192.0.2.10"}));
  EXPECT_NE(g["decision"]["reason"].get<std::string>().find("-192.0.2.11"), std::string::npos);
  const auto& m = g["pools"][0]["members"][1];
  EXPECT_EQ(m["address"], "192.0.2.11");
  EXPECT_EQ(m["health"], "unhealthy");
  EXPECT_EQ(m["served"], false);
  ASSERT_EQ(m["checks"].size(), 3u);
  EXPECT_EQ(m["checks"][0]["result"], "fail");
  EXPECT_EQ(m["checks"][0]["error"], "status 503 (expected 200)");
  EXPECT_EQ(m["checks"][0]["latency_ms"], 1);
  EXPECT_EQ(m["checks"][0]["time"], "2024-01-01T00:00:02.100Z");
  EXPECT_EQ(g["check"]["type"], "http");
  EXPECT_EQ(g["policy"]["hold_down"], "1m");
  EXPECT_EQ(controller_->groups().body["groups"].size(), 1u);
}

}  // namespace
}  // namespace flipdns::daemon
