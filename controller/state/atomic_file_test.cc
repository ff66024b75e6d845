#include "controller/state/atomic_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

namespace flipdns::state {
namespace {

class AtomicFileTest : public ::testing::Test {
 protected:
  AtomicFileTest()
      : dir_(std::filesystem::temp_directory_path() /
             ("flipdns-atomic-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::create_directories(dir_);
  }
  ~AtomicFileTest() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(AtomicFileTest, WritesAndReplaces) {
  write_file_atomically(dir_ / "state.json", "one");
  EXPECT_EQ(read_file(dir_ / "state.json"), "one");
  write_file_atomically(dir_ / "state.json", "two, longer");
  EXPECT_EQ(read_file(dir_ / "state.json"), "two, longer");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "state.json.tmp"));
}

TEST_F(AtomicFileTest, AMissingFileReadsAsNothing) {
  EXPECT_EQ(read_file(dir_ / "absent"), std::nullopt);
}

TEST_F(AtomicFileTest, AFailedWriteLeavesTheOldContent) {
  write_file_atomically(dir_ / "state.json", "old");
  // A directory where the temporary file goes: the write fails, even for root.
  std::filesystem::create_directory(dir_ / "state.json.tmp");
  try {
    write_file_atomically(dir_ / "state.json", "new");
    ADD_FAILURE() << "no error";
  } catch (const std::system_error& e) {
    EXPECT_NE(std::string(e.what()).find("state.json.tmp"), std::string::npos) << e.what();
  }
  EXPECT_EQ(read_file(dir_ / "state.json"), "old");
}

}  // namespace
}  // namespace flipdns::state
