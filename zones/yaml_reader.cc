#include "zones/yaml_reader.h"

#include <algorithm>
#include <charconv>

#include "common/settings/duration.h"

namespace flipdns::zones {

const char* kind_of(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a value";
    default:
      return "nothing";
  }
}

const Field* Mapping::find(std::string_view name) const {
  for (const Field& f : fields_)
    if (f.name == name) return &f;
  return nullptr;
}

Location YamlReader::at(const YAML::Node& n) const {
  YAML::Mark m = n.Mark();
  // yaml-cpp counts from 0 and marks nodes it synthesised with -1.
  if (m.line < 0) return Location{file_, 0, 0};
  return Location{file_, m.line + 1, m.column + 1};
}

Location YamlReader::at(const Field& f) const {
  if (!f.value || f.value.IsNull()) return at(f.key);
  return at(f.value);
}

std::optional<Mapping> YamlReader::mapping(const YAML::Node& node, const Location& where,
                                           std::string_view what,
                                           std::initializer_list<std::string_view> allowed) {
  if (!node.IsMap()) {
    error(where, std::string(what) + ": expected a mapping, found " + kind_of(node));
    return std::nullopt;
  }
  Mapping m;
  m.at = at(node);
  for (const auto& pair : node) {
    // Copies: yaml-cpp's iterators hand out temporaries.
    YAML::Node key = pair.first;
    if (!key.IsScalar()) {
      error(at(key), "keys must be plain names, found " + std::string(kind_of(key)));
      continue;
    }
    std::string name = key.Scalar();
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string expected;
      for (std::string_view a : allowed) {
        if (!expected.empty()) expected += ", ";
        expected += a;
      }
      error(at(key), "unknown key \"" + name + "\" in " + std::string(what) +
                         " (expected one of: " + expected + ")");
      continue;
    }
    if (const Field* first = m.find(name)) {
      error(at(key),
            "duplicate key \"" + name + "\" (first at " + describe(at(first->key), file_) + ")");
      continue;
    }
    m.fields_.push_back(Field{name, key, pair.second});
  }
  return m;
}

const Field* YamlReader::required(const Mapping& m, std::string_view name, std::string_view what) {
  const Field* f = m.find(name);
  if (f == nullptr)
    error(m.at, std::string(what) + ": missing required key \"" + std::string(name) + "\"");
  return f;
}

std::optional<std::vector<YAML::Node>> YamlReader::sequence(const Field& f) {
  if (!f.value || f.value.IsNull()) return std::vector<YAML::Node>{};
  if (!f.value.IsSequence()) {
    error(at(f), f.name + ": expected a list, found " + kind_of(f.value));
    return std::nullopt;
  }
  std::vector<YAML::Node> out;
  for (const YAML::Node& n : f.value) out.push_back(n);
  return out;
}

std::optional<std::string> YamlReader::string(const YAML::Node& n, std::string_view what) {
  if (!n.IsScalar()) {
    error(at(n), std::string(what) + ": expected a value, found " + kind_of(n));
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<std::string> YamlReader::string(const Field& f) {
  if (!f.value || f.value.IsNull()) {
    error(at(f), f.name + ": missing value");
    return std::nullopt;
  }
  return string(f.value, f.name);
}

namespace {
std::optional<int64_t> parse_integer(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}
}  // namespace

std::optional<int64_t> YamlReader::integer(const YAML::Node& n, std::string_view what) {
  auto s = string(n, what);
  if (!s) return std::nullopt;
  auto v = parse_integer(*s);
  if (!v) error(at(n), std::string(what) + ": \"" + *s + "\" is not a whole number");
  return v;
}

std::optional<int64_t> YamlReader::integer(const Field& f) {
  if (!f.value || f.value.IsNull()) {
    error(at(f), f.name + ": missing value");
    return std::nullopt;
  }
  return integer(f.value, f.name);
}

std::optional<int64_t> YamlReader::seconds(const Field& f) {
  auto s = string(f);
  if (!s) return std::nullopt;
  if (auto v = parse_integer(*s)) return v;
  if (auto d = parse_duration(*s)) {
    if (d->count() % 1000 == 0) return d->count() / 1000;
    error(at(f), f.name + ": \"" + *s + "\" is not a whole number of seconds");
    return std::nullopt;
  }
  error(at(f), f.name + ": \"" + *s + "\" is not a number of seconds (write 300 or 5m)");
  return std::nullopt;
}

std::optional<Millis> YamlReader::duration(const Field& f) {
  auto s = string(f);
  if (!s) return std::nullopt;
  if (auto d = parse_duration(*s)) return *d;
  error(at(f), f.name + ": \"" + *s + "\" is not a duration (write e.g. 500ms, 2s, 10m, 1h)");
  return std::nullopt;
}

std::optional<bool> YamlReader::boolean(const Field& f) {
  auto s = string(f);
  if (!s) return std::nullopt;
  if (*s == "true" || *s == "True" || *s == "TRUE") return true;
  if (*s == "false" || *s == "False" || *s == "FALSE") return false;
  error(at(f), f.name + ": \"" + *s + "\" is not true or false");
  return std::nullopt;
}

}  // namespace flipdns::zones
