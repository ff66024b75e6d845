// Configuration errors carry where they happened so an operator can jump to the line.
#pragma once

#include <stdexcept>
#include <string>

namespace flipdns::zone {

class ZoneError : public std::runtime_error {
 public:
  ZoneError(std::string file, int line, const std::string& reason)
      : std::runtime_error(format(file, line, reason)),
        file_(std::move(file)),
        line_(line),
        reason_(reason) {}

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& reason() const { return reason_; }

 private:
  static std::string format(const std::string& file, int line, const std::string& reason) {
    if (line > 0) return file + ":" + std::to_string(line) + ": " + reason;
    return file + ": " + reason;
  }
  std::string file_;
  int line_;
  std::string reason_;
};

}  // namespace flipdns::zone
