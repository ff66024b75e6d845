// The REST API's bearer tokens, from --tokens-file: one per line,
//   ROLE TOKEN [NAME]
// ROLE is `read` (GET only) or `operator` (may flip, pin, unpin); NAME, if
// given, goes into the audit log as the actor ("operator:carol"). Blank lines
// and lines starting with # are ignored. Tokens are compared in constant time:
// a guess costs the same whatever it shares with a real token.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace flipdns::api {

enum class Role { kRead, kOperator };

struct Identity {
  Role role = Role::kRead;
  std::string name;  // may be empty
  // What the audit log records: "operator", "operator:carol".
  std::string actor() const;
};

class TokenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TokenTable {
 public:
  // Throws TokenError with "file:line: reason" for a bad line, a duplicate
  // token or a file without any token.
  static TokenTable parse(std::string_view text, const std::string& file);
  static TokenTable load(const std::filesystem::path& file);

  // The identity behind an Authorization header ("Bearer TOKEN"), if any.
  std::optional<Identity> authenticate(std::string_view authorization) const;
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::array<unsigned char, 32> digest;  // SHA-256 of the token
    Identity who;
  };
  std::vector<Entry> entries_;
};

std::string_view to_string(Role r);

// The first line of --auth-token-file (its line ending ignored). Throws
// TokenError if unreadable or empty.
std::string read_single_token(const std::filesystem::path& file);

}  // namespace flipdns::api
