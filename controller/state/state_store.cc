#include "controller/state/state_store.h"

#include <nlohmann/json.hpp>

#include "controller/engine/time_text.h"
#include "controller/state/atomic_file.h"

namespace flipdns::state {
namespace {

using nlohmann::json;

int64_t unix_ms(engine::WallTime t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

engine::WallTime from_unix_ms(int64_t ms) {
  return engine::WallTime(
      std::chrono::duration_cast<engine::WallTime::duration>(std::chrono::milliseconds(ms)));
}

template <typename T>
T field(const json& j, const char* key, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end()) throw StateError(where + ": \"" + key + "\" is missing");
  try {
    return it->get<T>();
  } catch (const json::exception&) {
    throw StateError(where + ": \"" + key + "\" has the wrong type");
  }
}

}  // namespace

StateStore::StateStore(std::filesystem::path dir) : file_(dir / "state.json") {
  std::filesystem::create_directories(dir);
  if (auto text = read_file(file_)) {
    try {
      state_ = parse(*text);
    } catch (const StateError& e) {
      throw StateError(file_.string() + ": " + e.what());
    }
  }
}

uint64_t StateStore::next_epoch() {
  dirty_ = true;
  return ++state_.epoch;
}

void StateStore::raise_epoch(uint64_t epoch) {
  if (epoch <= state_.epoch) return;
  state_.epoch = epoch;
  dirty_ = true;
}

void StateStore::put_decision(const std::string& group, const engine::Decision& d,
                              engine::WallTime at) {
  state_.decisions[group] = StoredDecision{d, at};
  raise_epoch(d.epoch);
  dirty_ = true;
}

void StateStore::put_pin(const std::string& group, const std::optional<engine::Pin>& pin) {
  if (pin)
    state_.pins[group] = *pin;
  else
    state_.pins.erase(group);
  dirty_ = true;
}

void StateStore::forget(const std::string& group) {
  state_.decisions.erase(group);
  state_.pins.erase(group);
  dirty_ = true;
}

void StateStore::save() {
  write_file_atomically(file_, serialize(state_));
  dirty_ = false;
}

std::string StateStore::serialize(const StoredState& s) {
  json decisions = json::object();
  for (const auto& [group, sd] : s.decisions) {
    const engine::Decision& d = sd.decision;
    decisions[group] = {{"pool", d.pool},
                        {"members", d.members},
                        {"epoch", d.epoch},
                        {"reason", d.reason},
                        {"at", engine::format_wall_time(sd.at)},
                        {"at_ms", unix_ms(sd.at)}};
  }
  json pins = json::object();
  for (const auto& [group, p] : s.pins) {
    pins[group] = {{"pool", p.pool},
                   {"until", engine::format_wall_time(p.until)},
                   {"until_ms", unix_ms(p.until)},
                   {"actor", p.actor},
                   {"reason", p.reason}};
  }
  json j = {{"version", 1}, {"epoch", s.epoch}, {"decisions", decisions}, {"pins", pins}};
  return j.dump(2) + "\n";
}

StoredState StateStore::parse(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw StateError("not a JSON object");
  if (field<int>(j, "version", "state") != 1) throw StateError("unknown version");
  StoredState s;
  s.epoch = field<uint64_t>(j, "epoch", "state");
  const json decisions = field<json>(j, "decisions", "state");
  const json pins = field<json>(j, "pins", "state");
  if (!decisions.is_object() || !pins.is_object())
    throw StateError("\"decisions\" and \"pins\" must be objects");
  for (const auto& [group, d] : decisions.items()) {
    const std::string where = "decision of " + group;
    StoredDecision sd;
    sd.decision.pool = field<std::string>(d, "pool", where);
    sd.decision.members = field<std::vector<std::string>>(d, "members", where);
    sd.decision.epoch = field<uint64_t>(d, "epoch", where);
    sd.decision.reason = d.value("reason", "");
    sd.at = from_unix_ms(d.value("at_ms", int64_t{0}));
    if (sd.decision.epoch > s.epoch) throw StateError(where + ": epoch above the last epoch");
    s.decisions[group] = std::move(sd);
  }
  for (const auto& [group, p] : pins.items()) {
    const std::string where = "pin of " + group;
    engine::Pin pin;
    pin.pool = field<std::string>(p, "pool", where);
    pin.until = from_unix_ms(field<int64_t>(p, "until_ms", where));
    pin.actor = p.value("actor", "");
    pin.reason = p.value("reason", "");
    s.pins[group] = std::move(pin);
  }
  return s;
}

}  // namespace flipdns::state
