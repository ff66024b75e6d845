// Configuration problems as an operator reads them: where (file:line:column, all
// 1-based, as editors count) and why. Loading collects every problem it finds
// instead of stopping at the first, so one lint run shows a whole bad commit.
#pragma once

#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace flipdns::zones {

// A file's name, shared by every position in that file: a million-record
// include file would otherwise carry several copies of its path per record,
// each a heap block to allocate and free. Reads as the std::string it holds.
class FileName {
 public:
  FileName() = default;
  FileName(std::string name);  // NOLINT: implicit, so Location{"a.yaml", 1, 2} reads naturally
  FileName(const char* name) : FileName(std::string(name)) {}  // NOLINT: as above

  const std::string& str() const;
  operator const std::string&() const { return str(); }  // NOLINT: a drop-in for std::string
  bool empty() const { return str().empty(); }

  friend bool operator==(const FileName& a, const FileName& b) {
    return a.name_ == b.name_ || a.str() == b.str();
  }
  friend bool operator==(const FileName& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const FileName& a, const char* b) { return a.str() == b; }
  friend std::ostream& operator<<(std::ostream& out, const FileName& f);

 private:
  std::shared_ptr<const std::string> name_;  // null: the empty name
};

// A position in a configuration file. line 0 means "the file as a whole" (a
// missing file, an empty directory); column 0 means "the whole line".
struct Location {
  FileName file;
  int line = 0;
  int column = 0;
};

struct ConfigError {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;

  // "file:line:column: message", or "file: message" when there is no line.
  std::string to_string() const;
};

using ConfigErrors = std::vector<ConfigError>;

inline void add_error(ConfigErrors& errors, const Location& at, std::string message) {
  errors.push_back(ConfigError{at.file.str(), at.line, at.column, std::move(message)});
}

// By file, then line, then column; errors at the same place keep their order.
void sort_errors(ConfigErrors& errors);

// "line 12, column 5" (or "line 12"), for messages that point at a second place
// in the same file; the file is added when it differs from `from_file`.
std::string describe(const Location& at, const std::string& from_file);

// Thrown by callers that want all-or-nothing loading; what() lists every error,
// one per line.
class ConfigException : public std::runtime_error {
 public:
  explicit ConfigException(ConfigErrors errors);
  const ConfigErrors& errors() const { return errors_; }

 private:
  ConfigErrors errors_;
};

}  // namespace flipdns::zones
