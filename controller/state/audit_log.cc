#include "controller/state/audit_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "resolver/server/logger.h"

namespace flipdns::state {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& p) {
  throw std::system_error(errno, std::generic_category(), what + " " + p.string());
}

}  // namespace

AuditLog::AuditLog(std::filesystem::path file) : file_(std::move(file)) {
  fd_ = ::open(file_.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) fail("cannot open", file_);
  char buf[65536];
  uint64_t pos = 0, line_start = 0;
  for (;;) {
    ssize_t n = ::pread(fd_, buf, sizeof buf, static_cast<off_t>(pos));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd_);
      fail("cannot read", file_);
    }
    if (n == 0) break;
    for (ssize_t i = 0; i < n; ++i) {
      if (buf[i] != '\n') continue;
      offsets_.push_back(line_start);
      line_start = pos + static_cast<uint64_t>(i) + 1;
    }
    pos += static_cast<uint64_t>(n);
  }
  if (line_start != pos && ::ftruncate(fd_, static_cast<off_t>(line_start)) != 0) {
    ::close(fd_);
    fail("cannot cut the torn last line of", file_);
  }
  end_ = line_start;
}

AuditLog::~AuditLog() {
  if (fd_ >= 0) ::close(fd_);
}

nlohmann::json AuditLog::to_json(const AuditEntry& e, uint64_t id) {
  nlohmann::json j = {{"id", id},         {"time", format_rfc3339(e.time)},
                      {"group", e.group}, {"from", e.from},
                      {"to", e.to},       {"reason", e.reason},
                      {"actor", e.actor}, {"epoch", e.epoch},
                      {"kind", e.kind},   {"members", e.members}};
  if (e.until) j["until"] = format_rfc3339(*e.until);
  return j;
}

uint64_t AuditLog::append(const AuditEntry& e) {
  const uint64_t id = offsets_.size() + 1;
  const std::string line = to_json(e, id).dump() + "\n";
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      // Leave no half line behind for the next append to continue; if even
      // that fails, the next start cuts it.
      [[maybe_unused]] int rc = ::ftruncate(fd_, static_cast<off_t>(end_));
      errno = saved;
      fail("cannot append to", file_);
    }
    done += static_cast<size_t>(n);
  }
  if (::fdatasync(fd_) != 0) fail("cannot sync", file_);
  offsets_.push_back(end_);
  end_ += line.size();
  return id;
}

std::string AuditLog::read_line(uint64_t index) const {
  const uint64_t start = offsets_[index];
  const uint64_t stop = index + 1 < offsets_.size() ? offsets_[index + 1] : end_;
  std::string out(stop - start, '\0');
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n =
        ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(start + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cannot read", file_);
    done += static_cast<size_t>(n);
  }
  return out;
}

AuditLog::Page AuditLog::page(size_t limit, std::optional<uint64_t> before) const {
  Page out;
  uint64_t id = offsets_.size();  // ids count from 1: id n is line n-1
  if (before && *before <= id) id = *before == 0 ? 0 : *before - 1;
  for (; id >= 1 && out.entries.size() < limit; --id) {
    nlohmann::json j = nlohmann::json::parse(read_line(id - 1), nullptr, false);
    if (j.is_discarded() || !j.is_object()) j = {{"error", "unreadable audit line"}};
    j["id"] = id;
    out.entries.push_back(std::move(j));
  }
  if (id >= 1) out.next_before = id + 1;
  return out;
}

}  // namespace flipdns::state
