// The two hashes of owner names: fnv1a for what is persisted, hash_name for the
// lookup tables (the zone's, the zone set's, the configuration validator's).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace flipdns::zone {

// FNV-1a (with its own offset basis, see name_hash_test.cc). Stable across versions: Zone::digest()
// is built from it and persisted (decisions/serving_state), so it must not change. Too slow for the
// hot path.
inline uint64_t fnv1a(std::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// The hash of the lookup tables (names in memory only, never persisted): eight
// octets per multiply, where FNV-1a takes one, so a 30-octet name costs 4 rounds
// instead of 30 (query_bench: most of the user-space time of an answer was FNV).
// Table contents come from the zone, never from queries, so hash flooding cannot
// lengthen a probe; a query only reads.
inline uint64_t hash_name(std::string_view lower_name) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  const char* p = lower_name.data();
  std::size_t n = lower_name.size();
  auto load64 = [](const char* q) {
    uint64_t v;
    std::memcpy(&v, q, 8);
    return v;
  };
  auto load32 = [](const char* q) {
    uint32_t v;
    std::memcpy(&v, q, 4);
    return uint64_t{v};
  };
  uint64_t h = n * kMul;
  for (; n >= 8; p += 8, n -= 8) {
    h = (h ^ load64(p)) * kMul;
    h ^= h >> 32;
  }
  uint64_t tail = 0;  // the last 0-7 octets, read as at most two overlapping words
  if (n >= 4)
    tail = (load32(p) << 32) | load32(p + n - 4);
  else if (n > 0)
    tail = (uint64_t{static_cast<uint8_t>(p[0])} << 16) |
           (uint64_t{static_cast<uint8_t>(p[n / 2])} << 8) | static_cast<uint8_t>(p[n - 1]);
  h = (h ^ tail) * 0xBF58476D1CE4E5B9ull;  // finish so the low bits (the slot) mix well
  h ^= h >> 31;
  h *= 0x94D049BB133111EBull;
  return h ^ (h >> 29);
}

}  // namespace flipdns::zone
