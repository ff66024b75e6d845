// Prometheus text exposition format 0.0.4: metric families, each a HELP and a
// TYPE line followed by its samples. Names are checked, label values and help
// text escaped, so whatever a zone or group is called the output stays parseable.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace flipdns::control {

inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

class PrometheusText {
 public:
  enum class Type { kCounter, kGauge };
  using Labels = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  // Starts a family; every sample until the next family() belongs to it. Throws
  // std::invalid_argument for a name Prometheus would not accept.
  void family(std::string_view name, Type type, std::string_view help);

  void sample(uint64_t value) { sample({}, value); }
  void sample(Labels labels, uint64_t value);
  void sample(Labels labels, double value);

  const std::string& text() const { return out_; }

 private:
  void start_sample(Labels labels);

  std::string out_;
  std::string name_;
};

// Label values: backslash, double quote and line feed escaped.
std::string escape_label_value(std::string_view v);

}  // namespace flipdns::control
