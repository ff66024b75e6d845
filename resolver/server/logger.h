// Structured logs: one JSON object per line, {"ts":..., "level":..., "msg":..., fields}.
// One Logger is made in main and passed by reference; it is safe to use from any
// thread (lines are written whole, never interleaved).
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace flipdns {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

std::optional<LogLevel> parse_log_level(std::string_view text);  // debug|info|warn|error
std::string_view to_string(LogLevel level);

// RFC 3339 in UTC with milliseconds: 2024-05-01T12:00:00.123Z.
std::string format_rfc3339(std::chrono::system_clock::time_point t);

class Logger {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  explicit Logger(
      std::ostream& out, LogLevel min_level = LogLevel::kInfo,
      Clock clock = [] { return std::chrono::system_clock::now(); });

  bool enabled(LogLevel level) const { return level >= min_level_; }

  // `fields` must be a JSON object; its keys are added after ts, level and msg.
  void log(LogLevel level, std::string_view msg,
           const nlohmann::json& fields = nlohmann::json::object());
  void debug(std::string_view msg, const nlohmann::json& f = nlohmann::json::object()) {
    log(LogLevel::kDebug, msg, f);
  }
  void info(std::string_view msg, const nlohmann::json& f = nlohmann::json::object()) {
    log(LogLevel::kInfo, msg, f);
  }
  void warn(std::string_view msg, const nlohmann::json& f = nlohmann::json::object()) {
    log(LogLevel::kWarn, msg, f);
  }
  void error(std::string_view msg, const nlohmann::json& f = nlohmann::json::object()) {
    log(LogLevel::kError, msg, f);
  }

 private:
  std::ostream& out_;
  LogLevel min_level_;
  Clock clock_;
  std::mutex mu_;  // guards out_
};

}  // namespace flipdns
