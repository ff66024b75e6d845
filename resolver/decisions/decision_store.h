// Decisions on disk, so a restarted server serves the last decision before it
// answers anything (DESIGN.md principle 1). One JSON file, replaced atomically:
// write a temporary file, fsync it, rename it over the old one, fsync the folder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "resolver/decisions/decision.h"

namespace flipdns::decisions {

using DecisionMap = std::map<std::string, Decision>;  // by group

// The serial a zone was last served with, and the fingerprint of what it served
// (static records and group addresses). Kept so a serial never goes back, not
// even across a restart.
struct ZoneSerial {
  uint32_t serial = 0;
  uint64_t digest = 0;
  friend bool operator==(const ZoneSerial&, const ZoneSerial&) = default;
};
using SerialMap = std::map<std::string, ZoneSerial>;  // by zone origin, "example.com."

struct SavedState {
  DecisionMap decisions;
  SerialMap serials;
  friend bool operator==(const SavedState&, const SavedState&) = default;
};

class DecisionStore {
 public:
  // An empty `dir` keeps nothing on disk (no --state-dir given).
  explicit DecisionStore(std::filesystem::path dir);

  // What was saved last; empty when nothing was. Throws std::runtime_error with
  // the path and reason when the file exists but cannot be read or parsed.
  SavedState load() const;

  // Throws std::runtime_error when the decisions could not be made durable; the
  // caller must then not serve them.
  void save(const SavedState& state) const;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path dir_;
  std::filesystem::path path_;
};

}  // namespace flipdns::decisions
