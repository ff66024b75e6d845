// The control listener's bearer token (RFC 6750): read once at startup, then
// checked on every request without leaking, through timing, how much of a guess
// was right or how long the real token is.
#pragma once

#include <array>
#include <filesystem>
#include <string_view>

namespace flipdns::control {

class BearerAuth {
 public:
  // `token` must be non-empty and hold no whitespace or control characters (it
  // could not be sent in a header); throws std::invalid_argument otherwise.
  explicit BearerAuth(std::string_view token);

  // The first line of `path`, its line ending ignored (--control-token-file).
  // Throws std::runtime_error naming the file when it cannot be read or the
  // token is empty or malformed: the listener must not start without one.
  static BearerAuth from_file(const std::filesystem::path& path);

  // `authorization` is the whole header value, "Bearer TOKEN" (scheme in any case).
  bool check(std::string_view authorization) const;

 private:
  // SHA-256 of the token: comparing fixed-size digests costs the same for every
  // guess, whatever its length.
  std::array<unsigned char, 32> digest_{};
};

}  // namespace flipdns::control
