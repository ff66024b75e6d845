#include "resolver/control/prometheus_text.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace flipdns::control {
namespace {

bool valid_name(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
              (allow_colon && c == ':') || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

std::string escape_help(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string escape_label_value(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

void PrometheusText::family(std::string_view name, Type type, std::string_view help) {
  if (!valid_name(name, true))
    throw std::invalid_argument("invalid metric name \"" + std::string(name) + "\"");
  name_ = name;
  out_ += "# HELP " + name_ + " " + escape_help(help) + "\n";
  out_ += "# TYPE " + name_ + (type == Type::kCounter ? " counter\n" : " gauge\n");
}

void PrometheusText::start_sample(Labels labels) {
  if (name_.empty()) throw std::logic_error("a sample before any metric family");
  out_ += name_;
  if (labels.size() == 0) return;
  out_ += '{';
  bool first = true;
  for (const auto& [k, v] : labels) {
    if (!valid_name(k, false) || k.starts_with("__"))
      throw std::invalid_argument("invalid label name \"" + std::string(k) + "\"");
    if (!first) out_ += ',';
    first = false;
    out_ += k;
    out_ += "=\"";
    out_ += escape_label_value(v);
    out_ += '"';
  }
  out_ += '}';
}

void PrometheusText::sample(Labels labels, uint64_t value) {
  start_sample(labels);
  out_ += ' ';
  out_ += std::to_string(value);
  out_ += '\n';
}

void PrometheusText::sample(Labels labels, double value) {
  start_sample(labels);
  out_ += ' ';
  if (std::isnan(value)) {
    out_ += "NaN";
  } else if (std::isinf(value)) {
    out_ += value > 0 ? "+Inf" : "-Inf";
  } else {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    out_.append(buf, end);
  }
  out_ += '\n';
}

}  // namespace flipdns::control
