#include "resolver/decisions/decision_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace flipdns::decisions {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

[[noreturn]] void fail(const std::filesystem::path& p, const std::string& what) {
  throw std::runtime_error(p.string() + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

DecisionStore::DecisionStore(std::filesystem::path dir) : dir_(std::move(dir)) {
  if (!dir_.empty()) path_ = dir_ / "decisions.json";
}

SavedState DecisionStore::load() const {
  SavedState out;
  if (path_.empty() || !std::filesystem::exists(path_)) return out;
  std::ifstream in(path_);
  if (!in) throw std::runtime_error(path_.string() + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("decisions") || !j["decisions"].is_array())
    throw std::runtime_error(path_.string() + ": not a decisions file");
  for (const auto& item : j["decisions"]) {
    std::string error;
    auto d = decision_from_json(item, "", error);
    if (!d) throw std::runtime_error(path_.string() + ": " + error);
    out.decisions[d->group] = *d;
  }
  if (j.contains("zones")) {
    for (const auto& z : j["zones"]) {
      if (!z.is_object() || !z.contains("zone") || !z["zone"].is_string() ||
          !z.contains("serial") || !z["serial"].is_number_unsigned() || !z.contains("digest") ||
          !z["digest"].is_string())
        throw std::runtime_error(path_.string() + ": bad entry in \"zones\"");
      out.serials[z["zone"].get<std::string>()] = {
          z["serial"].get<uint32_t>(), std::stoull(z["digest"].get<std::string>(), nullptr, 16)};
    }
  }
  return out;
}

void DecisionStore::save(const SavedState& state) const {
  if (path_.empty()) return;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [group, d] : state.decisions) list.push_back(to_json(d));
  nlohmann::json zones = nlohmann::json::array();
  for (const auto& [zone, z] : state.serials) {
    char digest[17];
    std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(z.digest));
    zones.push_back({{"zone", zone}, {"serial", z.serial}, {"digest", digest}});
  }
  std::string text = nlohmann::json{{"decisions", list}, {"zones", zones}}.dump(2) + "\n";

  std::filesystem::create_directories(dir_);
  std::filesystem::path tmp = path_;
  tmp += ".tmp";
  {
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (fd.get() < 0) fail(tmp, "open");
    std::size_t done = 0;
    while (done < text.size()) {
      ssize_t n = ::write(fd.get(), text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail(tmp, "write");
      done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) fail(tmp, "fsync");
    if (::close(fd.release()) != 0) fail(tmp, "close");
  }
  if (::rename(tmp.c_str(), path_.c_str()) != 0) fail(path_, "rename");
  // The rename itself is durable only once the folder is.
  Fd dir(::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0 || ::fsync(dir.get()) != 0) fail(dir_, "fsync");
}

}  // namespace flipdns::decisions
