#include "zones/git_commit.h"

#include <gtest/gtest.h>

#include "zones/test_files.h"

namespace flipdns::zones {
namespace {

using testing::TempDir;

constexpr const char* kCommit = "0123456789abcdef0123456789abcdef01234567";
constexpr const char* kOther = "89abcdef0123456789abcdef0123456789abcdef";

TEST(GitCommit, FollowsTheBranchHeadPointsAt) {
  TempDir d;
  d.write(".git/HEAD", "ref: refs/heads/main\n");
  d.write(".git/refs/heads/main", std::string(kCommit) + "\n");
  EXPECT_EQ(git_commit(d.path()), kCommit);
}

TEST(GitCommit, SearchesUpwardsFromASubfolder) {
  TempDir d;
  d.write(".git/HEAD", "ref: refs/heads/main\n");
  d.write(".git/refs/heads/main", std::string(kCommit) + "\n");
  d.write("zones/example.com.yaml", "");
  EXPECT_EQ(git_commit(d.path() / "zones"), kCommit);
}

TEST(GitCommit, ReadsPackedRefs) {
  TempDir d;
  d.write(".git/HEAD", "ref: refs/heads/main\n");
  d.write(".git/packed-refs", std::string("# pack-refs with: peeled fully-peeled sorted\n") +
                                  kOther + " refs/heads/other\n" + kCommit + " refs/heads/main\n^" +
                                  kOther + "\n");
  EXPECT_EQ(git_commit(d.path()), kCommit);
}

TEST(GitCommit, LooseRefWinsOverPackedRef) {
  TempDir d;
  d.write(".git/HEAD", "ref: refs/heads/main\n");
  d.write(".git/refs/heads/main", std::string(kCommit) + "\n");
  d.write(".git/packed-refs", std::string(kOther) + " refs/heads/main\n");
  EXPECT_EQ(git_commit(d.path()), kCommit);
}

TEST(GitCommit, ReadsADetachedHead) {
  TempDir d;
  d.write(".git/HEAD", std::string(kCommit) + "\n");
  EXPECT_EQ(git_commit(d.path()), kCommit);
}

TEST(GitCommit, FollowsAGitdirFileAndCommondir) {
  TempDir d;
  // A worktree: .git is a file; HEAD is the worktree's, refs are the main repository's.
  d.write("main/.git/refs/heads/feature", std::string(kCommit) + "\n");
  d.write("main/.git/worktrees/wt/HEAD", "ref: refs/heads/feature\n");
  d.write("main/.git/worktrees/wt/commondir", "../..\n");
  d.write("wt/.git", "gitdir: " + (d.path() / "main/.git/worktrees/wt").string() + "\n");
  EXPECT_EQ(git_commit(d.path() / "wt"), kCommit);
}

TEST(GitCommit, NoCommitYetIsNoCommit) {
  TempDir d;
  d.write(".git/HEAD", "ref: refs/heads/main\n");
  EXPECT_EQ(git_commit(d.path()), std::nullopt);
}

TEST(GitCommit, NotACheckoutIsNoCommit) {
  TempDir d;
  EXPECT_EQ(git_commit(d.path()), std::nullopt);
  EXPECT_EQ(git_commit(d.path() / "missing"), std::nullopt);
}

TEST(GitCommit, GarbageIsNoCommit) {
  TempDir d;
  d.write(".git/HEAD", "ref: refs/heads/main\n");
  d.write(".git/refs/heads/main", "not a commit\n");
  EXPECT_EQ(git_commit(d.path()), std::nullopt);
}

}  // namespace
}  // namespace flipdns::zones
