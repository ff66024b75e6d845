// One setting of a program: a flag `--name VALUE` and the config file's key
// `name: VALUE`, read by the same `apply`. A program's options.cc holds a table
// of these; command_line.h parses both sources against it and usage_text.h
// writes --help from it. store, append and clear_list below write most of a
// table: `.apply = store<&Options::state_dir, path_value>`.
#pragma once

#include <span>
#include <string_view>

#include "common/settings/source.h"

namespace flipdns::settings {

template <class Options>
struct Setting {
  std::string_view name;  // without "--"
  std::string_view arg;   // what the value looks like, for --help; "" for a switch
  std::string_view help;
  // Reads one value into the options; throws UsageError through bad().
  void (*apply)(Options&, const Source&, std::string_view value);
  // Repeatable settings only: empties the list, so that the flag replaces the
  // config file's list rather than adding to it.
  void (*clear)(Options&) = nullptr;

  bool repeatable() const { return clear != nullptr; }
  // A switch takes no value on the command line (`--watch` is `--watch=true`).
  bool is_switch() const { return arg.empty(); }
};

namespace detail {
template <class T>
struct MemberPointer;
template <class Object, class Member>
struct MemberPointer<Member Object::*> {
  using ObjectType = Object;
};
template <auto member>
using ObjectOf = typename MemberPointer<decltype(member)>::ObjectType;
}  // namespace detail

// An `apply` that reads the value with `read` (values.h) into `member`.
template <auto member, auto read>
void store(detail::ObjectOf<member>& o, const Source& src, std::string_view value) {
  o.*member = read(src, value);
}

// An `apply` for a repeatable setting: adds the value to the list `member`.
template <auto member, auto read>
void append(detail::ObjectOf<member>& o, const Source& src, std::string_view value) {
  (o.*member).push_back(read(src, value));
}

// The `clear` of a repeatable setting kept in the list `member`.
template <auto member>
void clear_list(detail::ObjectOf<member>& o) {
  (o.*member).clear();
}

template <class Options>
const Setting<Options>* find_setting(std::span<const Setting<Options>> table,
                                     std::string_view name) {
  for (const Setting<Options>& s : table)
    if (s.name == name) return &s;
  return nullptr;
}

}  // namespace flipdns::settings
