// The commit a zones directory is checked out at, for status ("which config is
// being served?"). Read from .git directly, without running git: servers call it
// on every reload, and a missing or odd repository is simply "no commit".
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace flipdns::zones {

// The full commit id of HEAD of the git checkout holding `dir` (searched upwards,
// as git does), or nullopt: not in a checkout, no commit yet, or unreadable.
// Handles branches in refs/ and packed-refs, detached HEADs, and worktrees and
// submodules whose .git is a file.
std::optional<std::string> git_commit(const std::filesystem::path& dir);

}  // namespace flipdns::zones
