// Reads the YAML file given with --config into key/values entries, each with the
// file:line:column its errors start with. The keys are flag names without "--";
// what they mean is the program's table of settings (setting.h), so a value is
// checked the same way whether it came from a flag or from the file.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace flipdns::settings {

// Where flipdns-auth and flipdns-controller have always read their files
// differently. Both programs' messages are relied on by their users and tests,
// so the difference is data here rather than a second reader.
struct ConfigRules {
  // Keys whose value may also be a map, read as "key=value" items
  // ({example.com.: a.zone} is "example.com.=a.zone").
  std::span<const std::string_view> map_keys = {};
  // Check every entry's shape (a name for a key; a value or a list of values)
  // before using any, so read_config_file throws those errors itself; otherwise
  // an entry's shape is checked when the entry is applied.
  bool shape_first = false;
  // "unknown key" and "given twice" point at the key's value, not at the key.
  bool key_errors_at_value = false;
  // A one-item list is taken for a key that holds one value.
  bool one_item_list_is_a_value = false;
  // Wording of shape errors: a map or list where a value belongs, a key with
  // no value, and whether a bad list item's error names the key.
  std::string_view not_a_value = "expected a value";
  std::string_view no_value = "expected a value";
  bool item_errors_name_the_key = false;
};

struct ConfigEntry {
  std::string key;
  // One for a scalar; the items of a list or map, up to the first malformed one.
  std::vector<std::string> values;
  std::string where;      // the value's "file:line:column"
  std::string key_where;  // the key's
  bool list = false;      // written as a list or a map, even of one item
  // A malformed entry: the whole message, position first. Set only when the
  // rules do not check shapes first.
  std::string key_error;    // the key is not a name
  std::string value_error;  // the value is not a value or a list of values
};

// Throws UsageError for an unreadable file, YAML syntax errors and a file that
// is not a map (an empty file has no entries), and with `shape_first` for the
// first malformed entry.
std::vector<ConfigEntry> read_config_file(const std::string& path, const ConfigRules& rules);

}  // namespace flipdns::settings
