// Test helper: a ServingState over a temp zones directory holding
// decisions::testing::kZoneYaml (group app.example.com., pools primary and
// standby), with the published snapshot kept for DNS lookups.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "resolver/decisions/serving_state.h"
#include "resolver/decisions/test_config.h"
#include "resolver/dns/wire.h"
#include "resolver/query/test_zone.h"

namespace flipdns::control::testing {

class TestState {
 public:
  TestState() {
    dir_.write("example.com.yaml", decisions::testing::kZoneYaml);
    state_ = std::make_unique<decisions::ServingState>(
        load(), decisions::DecisionStore(dir_.path() / "state"), [this](auto s) {
          std::lock_guard lock(mu_);
          published_ = std::move(s);
        });
  }

  std::shared_ptr<const decisions::ServedConfig> load() const {
    return decisions::load_served_config(dir_.path(), {});
  }
  void write_zone(const std::string& yaml) const { dir_.write("example.com.yaml", yaml); }
  void break_zone() const { write_zone(std::string(decisions::testing::kZoneYaml) + "bogus: 1\n"); }

  // The A records served for app.example.com. now.
  std::vector<std::string> app_a() {
    std::shared_ptr<const zone::ZoneSet> zones;
    {
      std::lock_guard lock(mu_);
      zones = published_;
    }
    return query::testing::ask(*zones, query::testing::make_query("app.example.com.", dns::type::A))
        .answer;
  }

  decisions::ServingState& state() { return *state_; }
  const std::filesystem::path& dir() const { return dir_.path(); }

 private:
  decisions::testing::TempDir dir_;
  std::mutex mu_;  // the control server's threads publish
  std::shared_ptr<const zone::ZoneSet> published_;
  std::unique_ptr<decisions::ServingState> state_;
};

}  // namespace flipdns::control::testing
