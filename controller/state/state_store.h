// The controller's own memory across restarts, in --state-dir/state.json: the
// last epoch handed out, each group's decision and each pin. Written (write,
// fsync, rename) after every decision and before it is published, so that a
// restarted controller never hands out an epoch twice or forgets a pin.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "controller/engine/clock.h"
#include "controller/engine/decision.h"

namespace flipdns::state {

// The state file exists but cannot be understood. The controller refuses to
// start rather than reuse epochs it already handed out.
class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StoredDecision {
  engine::Decision decision;
  engine::WallTime at;  // when it was made (or adopted)
};

struct StoredState {
  uint64_t epoch = 0;                               // the last epoch handed out, to any group
  std::map<std::string, StoredDecision> decisions;  // group → decision
  std::map<std::string, engine::Pin> pins;          // group → pin
};

class StateStore {
 public:
  // Creates `dir` if needed and loads state.json from it. Throws StateError
  // for a corrupt file, std::system_error for I/O failures.
  explicit StateStore(std::filesystem::path dir);

  const StoredState& state() const { return state_; }
  const std::filesystem::path& file() const { return file_; }

  // Epochs are one counter across all groups, so they also order decisions of
  // different groups. next_epoch() only counts in memory: save() makes it
  // stick, and must succeed before the epoch is published.
  uint64_t next_epoch();
  // After seeing `epoch` held somewhere (an auth server), never hand it out.
  void raise_epoch(uint64_t epoch);

  void put_decision(const std::string& group, const engine::Decision& d, engine::WallTime at);
  void put_pin(const std::string& group, const std::optional<engine::Pin>& pin);
  void forget(const std::string& group);

  // Throws std::system_error; the file on disk is then the previous one, and
  // dirty() stays true so that the caller can try again.
  void save();
  bool dirty() const { return dirty_; }

  // The file's content for `s` (and back): exposed for tests.
  static std::string serialize(const StoredState& s);
  static StoredState parse(const std::string& text);  // throws StateError

 private:
  std::filesystem::path file_;
  StoredState state_;
  bool dirty_ = false;
};

}  // namespace flipdns::state
