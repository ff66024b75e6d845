// Replacing a file so that a crash at any moment leaves either the old
// content or the new one, never a mix: write a temporary file, fsync it,
// rename it over the old one, fsync the directory.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace flipdns::state {

// Throws std::system_error naming the file on any failure; the old content
// is then still in place.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// The whole file; nullopt if it does not exist. Throws std::system_error for
// other failures.
std::optional<std::string> read_file(const std::filesystem::path& path);

}  // namespace flipdns::state
