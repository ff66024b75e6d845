// Which setting a value was given for and where, and the one way errors about it
// are worded: "--threads: ..." for a flag, "auth.yaml:3:10: threads: ..." for the
// config file.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace flipdns::settings {

// Bad usage or bad configuration (exit status 2); the message is the reason,
// ready for stderr.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Source {
  // Relative paths are taken from here: the config file's directory; empty for
  // flags, which are relative to the working directory.
  std::filesystem::path base;
  std::string where;     // "" for flags, "file:line:col: " for the config file
  std::string_view key;  // the setting's name
};

// Throws UsageError naming the setting: a flag with its dashes, a file key
// without.
[[noreturn]] void bad(const Source& src, const std::string& why);

}  // namespace flipdns::settings
