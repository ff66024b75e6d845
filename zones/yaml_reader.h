// Typed, position-keeping reads from yaml-cpp nodes. Every problem is appended to
// the error list with the node's file:line:column and the read returns nullopt,
// so the loader can go on and report the next problem too.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zones/config_error.h"
#include "zones/zone_config.h"

namespace flipdns::zones {

struct Field {
  std::string name;
  YAML::Node key;
  YAML::Node value;
};

// The fields of one YAML mapping, in file order, repeated keys left out.
class Mapping {
 public:
  const Field* find(std::string_view name) const;
  const std::vector<Field>& fields() const { return fields_; }
  Location at;

 private:
  friend class YamlReader;
  std::vector<Field> fields_;
};

class YamlReader {
 public:
  YamlReader(std::string file, ConfigErrors& errors) : file_(std::move(file)), errors_(errors) {}

  const std::string& file() const { return file_.str(); }
  Location at(const YAML::Node& n) const;
  // Where the field's value is, or its key when the value is empty: yaml-cpp marks
  // an empty value at the start of the next token, often the next line.
  Location at(const Field& f) const;
  void error(const Location& at, std::string message) {
    add_error(errors_, at, std::move(message));
  }

  // Reads `node` as a mapping named `what` (for messages). Reports keys that are
  // not in `allowed`, keys given twice and keys that are not plain strings.
  std::optional<Mapping> mapping(const YAML::Node& node, const Location& where,
                                 std::string_view what,
                                 std::initializer_list<std::string_view> allowed);
  std::optional<Mapping> mapping(const Field& f, std::initializer_list<std::string_view> allowed) {
    return mapping(f.value, at(f), f.name, allowed);
  }
  // Reports `name` missing from `m`; returns the field otherwise.
  const Field* required(const Mapping& m, std::string_view name, std::string_view what);

  // A list; a missing value reads as an empty list.
  std::optional<std::vector<YAML::Node>> sequence(const Field& f);

  std::optional<std::string> string(const Field& f);
  std::optional<std::string> string(const YAML::Node& n, std::string_view what);
  // A whole number; the validator checks ranges so the message can name them.
  std::optional<int64_t> integer(const Field& f);
  std::optional<int64_t> integer(const YAML::Node& n, std::string_view what);
  // Seconds, written as a whole number (30) or a duration of whole seconds (30s, 5m).
  std::optional<int64_t> seconds(const Field& f);
  // A duration with a unit: 500ms, 2s, 10m, 1h, 1m30s.
  std::optional<Millis> duration(const Field& f);
  std::optional<bool> boolean(const Field& f);

  template <typename T>
  Located<T> located(const Field& f, T value) const {
    return Located<T>{std::move(value), at(f)};
  }

 private:
  FileName file_;  // shared by every Location this reader makes
  ConfigErrors& errors_;
};

// "mapping", "list", "value" or "nothing", for "expected a list, found a mapping".
const char* kind_of(const YAML::Node& n);

}  // namespace flipdns::zones
