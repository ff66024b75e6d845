// The audit log, --state-dir/audit.jsonl: one JSON object per line for every
// decision and every operator action — time (RFC 3339), group, from, to,
// reason, actor, epoch, kind (flip | pin | unpin | auto). Appended and synced
// before the decision is published; read newest first, a page at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "controller/engine/clock.h"

namespace flipdns::state {

struct AuditEntry {
  engine::WallTime time;
  std::string group;
  std::string from;  // the pool served before
  std::string to;    // the pool served after (the same for a members-only change)
  std::string reason;
  std::string actor;                 // "controller", or the operator: "operator", "operator:carol"
  uint64_t epoch = 0;                // the decision's epoch after this entry
  std::string kind;                  // flip | pin | unpin | auto
  std::vector<std::string> members;  // served after
  std::optional<engine::WallTime> until;  // pins only
};

class AuditLog {
 public:
  // Opens or creates the file. A last line cut short by a crash is removed.
  // Throws std::system_error.
  explicit AuditLog(std::filesystem::path file);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Writes and syncs one line; returns its id (1 for the first line ever).
  // Throws std::system_error.
  uint64_t append(const AuditEntry& e);

  struct Page {
    std::vector<nlohmann::json> entries;  // newest first, each with its "id"
    std::optional<uint64_t> next_before;  // pass as `before` for the next page
  };
  // Up to `limit` entries with an id below `before` (all if absent).
  Page page(size_t limit, std::optional<uint64_t> before = std::nullopt) const;

  uint64_t size() const { return offsets_.size(); }
  const std::filesystem::path& file() const { return file_; }

  static nlohmann::json to_json(const AuditEntry& e, uint64_t id);

 private:
  std::string read_line(uint64_t index) const;

  std::filesystem::path file_;
  int fd_ = -1;
  std::vector<uint64_t> offsets_;  // where each line starts
  uint64_t end_ = 0;               // the file's length
};

}  // namespace flipdns::state
