// Tests only: a YAML file with the given text in the test's temporary directory,
// removed when the test is done with it.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace flipdns::settings {

class YamlFile {
 public:
  explicit YamlFile(const std::string& text)
      : path_(std::filesystem::path(testing::TempDir()) /
              ("flipdns_settings_" + std::to_string(getpid()) + "_" + std::to_string(counter_++) +
               ".yaml")) {
    std::ofstream(path_) << text;
  }
  ~YamlFile() { std::filesystem::remove(path_); }
  YamlFile(const YamlFile&) = delete;
  YamlFile& operator=(const YamlFile&) = delete;

  std::string path() const { return path_.string(); }
  std::string dir() const { return path_.parent_path().string(); }
  // `message` with this file's path, where it starts, written "F".
  std::string shorten(std::string message) const {
    if (message.starts_with(path())) message.replace(0, path().size(), "F");
    return message;
  }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

}  // namespace flipdns::settings
