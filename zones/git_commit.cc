#include "zones/git_commit.h"

#include <fstream>

namespace flipdns::zones {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxRefDepth = 5;  // symbolic refs pointing at symbolic refs

std::optional<std::string> first_line(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

bool is_object_id(std::string_view s) {
  if (s.size() != 40 && s.size() != 64) return false;  // SHA-1 or SHA-256 repositories
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// The git directory for `dir`, searching upwards.
std::optional<fs::path> find_git_dir(fs::path dir) {
  std::error_code ec;
  dir = fs::absolute(dir, ec);
  if (ec) return std::nullopt;
  for (;;) {
    fs::path dot_git = dir / ".git";
    if (fs::is_directory(dot_git, ec)) return dot_git;
    if (fs::is_regular_file(dot_git, ec)) {
      // "gitdir: <path>", relative to the folder holding the .git file.
      auto line = first_line(dot_git);
      if (!line || !line->starts_with("gitdir: ")) return std::nullopt;
      fs::path target(line->substr(8));
      return target.is_absolute() ? target : dir / target;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

std::optional<std::string> packed_ref(const fs::path& common, const std::string& ref) {
  std::ifstream in(common / "packed-refs");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line[0] == '^') continue;
    auto space = line.find(' ');
    if (space == std::string::npos) continue;
    std::string name = line.substr(space + 1);
    while (!name.empty() && name.back() == '\r') name.pop_back();
    if (name == ref && is_object_id(line.substr(0, space))) return line.substr(0, space);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> git_commit(const fs::path& dir) {
  auto git_dir = find_git_dir(dir);
  if (!git_dir) return std::nullopt;
  // Worktrees keep HEAD to themselves and share refs through "commondir".
  fs::path common = *git_dir;
  if (auto c = first_line(*git_dir / "commondir")) {
    fs::path p(*c);
    common = p.is_absolute() ? p : *git_dir / p;
  }
  auto head = first_line(*git_dir / "HEAD");
  for (int depth = 0; head && depth < kMaxRefDepth; ++depth) {
    if (is_object_id(*head)) return head;
    if (!head->starts_with("ref: ")) return std::nullopt;
    std::string ref = head->substr(5);
    if (ref.find("..") != std::string::npos) return std::nullopt;
    std::optional<std::string> next = first_line(*git_dir / ref);
    if (!next) next = first_line(common / ref);
    if (!next) return packed_ref(common, ref);
    head = next;
  }
  return std::nullopt;
}

}  // namespace flipdns::zones
