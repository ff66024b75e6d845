#include "zones/config_error.h"

#include <algorithm>
#include <ostream>
#include <tuple>

namespace flipdns::zones {

FileName::FileName(std::string name)
    : name_(name.empty() ? nullptr : std::make_shared<const std::string>(std::move(name))) {}

const std::string& FileName::str() const {
  static const std::string kEmpty;
  return name_ ? *name_ : kEmpty;
}

std::ostream& operator<<(std::ostream& out, const FileName& f) {
  return out << f.str();
}

std::string ConfigError::to_string() const {
  if (line <= 0) return file + ": " + message;
  if (column <= 0) return file + ":" + std::to_string(line) + ": " + message;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

void sort_errors(ConfigErrors& errors) {
  std::stable_sort(errors.begin(), errors.end(), [](const ConfigError& a, const ConfigError& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
}

std::string describe(const Location& at, const std::string& from_file) {
  std::string out;
  if (at.file != from_file) out = at.file.str() + " ";
  out += "line " + std::to_string(at.line);
  if (at.column > 0) out += ", column " + std::to_string(at.column);
  return out;
}

namespace {
std::string join(const ConfigErrors& errors) {
  std::string out;
  for (const ConfigError& e : errors) {
    if (!out.empty()) out += '\n';
    out += e.to_string();
  }
  return out;
}
}  // namespace

ConfigException::ConfigException(ConfigErrors errors)
    : std::runtime_error(join(errors)), errors_(std::move(errors)) {}

}  // namespace flipdns::zones
