#include "resolver/decisions/config_version.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <string>
#include <vector>

extern char** environ;

namespace flipdns::decisions {
namespace {

// `git log -1 --format=%ct` in `dir`; 0 when it is not a checkout or git is absent.
uint32_t git_commit_time(const std::filesystem::path& dir) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return 0;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::string d = dir.string();
  std::vector<std::string> args{"git", "-C", d, "log", "-1", "--format=%ct"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  std::string out;
  if (rc == 0) {
    std::array<char, 64> buf;
    ssize_t n;
    while ((n = ::read(fds[0], buf.data(), buf.size())) > 0 || (n < 0 && errno == EINTR))
      if (n > 0) out.append(buf.data(), static_cast<std::size_t>(n));
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) out.clear();
  }
  ::close(fds[0]);
  try {
    return out.empty() ? 0 : static_cast<uint32_t>(std::stoul(out));
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

uint32_t config_version(const std::filesystem::path& dir) {
  if (uint32_t t = git_commit_time(dir)) return t;
  std::error_code ec;
  int64_t newest = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    auto ext = entry.path().extension();
    if (!entry.is_regular_file(ec) || (ext != ".yaml" && ext != ".zone")) continue;
    auto t = std::chrono::file_clock::to_sys(entry.last_write_time(ec));
    newest = std::max<int64_t>(
        newest, std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
  }
  return static_cast<uint32_t>(newest);
}

}  // namespace flipdns::decisions
