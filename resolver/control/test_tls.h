// Test helper: a throwaway self-signed certificate and key for TLS tests.
#pragma once

#include <filesystem>

namespace flipdns::control::testing {

// Writes a P-256 key and a certificate for CN=localhost (valid a day) as PEM.
void write_self_signed(const std::filesystem::path& cert, const std::filesystem::path& key);

}  // namespace flipdns::control::testing
