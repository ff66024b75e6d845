#include <gtest/gtest.h>

#include <set>
#include <string>

#include "resolver/zone/name_hash.h"

namespace flipdns::zone {
namespace {

using std::string_view_literals::operator""sv;

// Zone::digest() is persisted with the served serial, so this function must never
// change. (Its offset basis is not FNV's standard 14695981039346656037 but that
// number without its last digit; it hashes just as well, and fixing it now would
// change every persisted digest.)
TEST(NameHash, DigestHashNeverChanges) {
  EXPECT_EQ(fnv1a(""), 0x14650fb0739d0383ull);
  EXPECT_EQ(fnv1a("a"), 0x44bd8ad473cd9906ull);
  EXPECT_EQ(fnv1a("foobar"), 0x88fad7c0a8ff07f2ull);
}

// Every length from 0 to 40 octets goes through a different mix of the word loop
// and the tail reads; a change in any one octet must change the hash.
TEST(NameHash, EveryOctetOfEveryLengthCounts) {
  for (std::size_t len = 0; len <= 40; ++len) {
    std::string name(len, 'a');
    uint64_t base = hash_name(name);
    for (std::size_t i = 0; i < len; ++i) {
      std::string other = name;
      other[i] = 'b';
      EXPECT_NE(hash_name(other), base) << "length " << len << ", octet " << i;
    }
    if (len > 0) {
      EXPECT_NE(hash_name(name.substr(1)), base) << "length " << len;
    }
  }
}

TEST(NameHash, TrailingZeroOctetsAreNotIgnored) {
  // Wire names end in a zero octet; a shorter name must not collide with itself
  // padded by zeros.
  EXPECT_NE(hash_name("\3www\0"sv), hash_name("\3www\0\0"sv));
  EXPECT_NE(hash_name("\0"sv), hash_name(""sv));
}

TEST(NameHash, LowBitsSpreadSequentialNames) {
  // Tables index by the low bits: 10,000 names like h0..h9999 must fill most of
  // 16,384 slots, as a random function would (about 7,600 distinct).
  std::set<uint64_t> slots;
  for (int i = 0; i < 10'000; ++i) {
    std::string n = "\x05" + std::to_string(100000 + i) + "\7example\3com";
    n.push_back('\0');
    slots.insert(hash_name(n) & 16383);
  }
  EXPECT_GT(slots.size(), 7'000u);
}

}  // namespace
}  // namespace flipdns::zone
