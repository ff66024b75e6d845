#include "resolver/query/encoder.h"

#include <gtest/gtest.h>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"
#include "resolver/query/test_zone.h"

namespace flipdns::query {
namespace {

constexpr const char* kZone = R"(
$ORIGIN example.com.
$TTL 300
@ IN SOA ns1 hostmaster 1 3600 600 1209600 60
@ IN NS ns1
ns1 IN A 192.0.2.1
host IN CNAME ns1
)";

TEST(Encoder, OwnerIsQuestionPointerAndNamesCompressAgainstQuestion) {
  auto set = testing::zones_from_text({{"example.com.", kZone}});
  const zone::Zone& z = *set->zones().front().zone;
  std::string host = *dns::from_text("host.example.com.");
  Sections s = collect(z, locate(z, host, dns::type::CNAME), dns::type::CNAME);
  Encoder e;
  const EncodedBody& b = e.encode(s, host, host.size());
  ASSERT_EQ(b.ancount, 1);
  // owner: pointer to offset 12
  EXPECT_EQ(b.wire[0], 0xC0);
  EXPECT_EQ(b.wire[1], 12);
  // rdata "ns1" + pointer to "example.com." inside the question (12 + 5)
  std::vector<uint8_t> rdata(b.wire.begin() + 12, b.wire.end());
  EXPECT_EQ(rdata, (std::vector<uint8_t>{3, 'n', 's', '1', 0xC0, 17}));
  EXPECT_EQ(b.relocs.size(), 1u);  // the suffix pointer moves with the question length
}

TEST(Encoder, NegativeTemplateRelocatesApexPointer) {
  auto set = testing::zones_from_text({{"example.com.", kZone}});
  const zone::Zone& z = *set->zones().front().zone;
  Encoder e;
  const EncodedBody& b = e.encode(negative(z, dns::rcode::NXDOMAIN), z.origin(), z.origin().size());
  ASSERT_EQ(b.nscount, 1);
  ASSERT_FALSE(b.relocs.empty());
  EXPECT_EQ(b.relocs.front(), 0);  // the SOA owner points into the question
}

// The compiler reuses one Encoder for a whole zone: nothing of one body may leak
// into the next (names known, counts, relocations, the serial's place).
TEST(Encoder, ReusedEncoderGivesWhatAFreshOneGives) {
  auto set = testing::zones_from_text({{"example.com.", kZone}});
  const zone::Zone& z = *set->zones().front().zone;
  std::string host = *dns::from_text("host.example.com.");
  Sections cname = collect(z, locate(z, host, dns::type::CNAME), dns::type::CNAME);
  Sections nx = negative(z, dns::rcode::NXDOMAIN);
  Encoder fresh_a, fresh_b, reused;
  EncodedBody want_a = fresh_a.encode(cname, host, host.size());
  EncodedBody want_b = fresh_b.encode(nx, z.origin(), z.origin().size());
  for (int round = 0; round < 2; ++round) {
    EncodedBody a = reused.encode(cname, host, host.size());
    EncodedBody b = reused.encode(nx, z.origin(), z.origin().size());
    EXPECT_EQ(a.wire, want_a.wire);
    EXPECT_EQ(a.relocs, want_a.relocs);
    EXPECT_EQ(a.ancount, want_a.ancount);
    EXPECT_EQ(a.nscount, want_a.nscount);
    EXPECT_EQ(a.serial_off, want_a.serial_off);
    EXPECT_EQ(b.wire, want_b.wire);
    EXPECT_EQ(b.relocs, want_b.relocs);
    EXPECT_EQ(b.nscount, want_b.nscount);
    EXPECT_EQ(b.ancount, want_b.ancount);
    EXPECT_EQ(b.serial_off, want_b.serial_off);
    EXPECT_EQ(b.no_additional_len, want_b.no_additional_len);
  }
}

}  // namespace
}  // namespace flipdns::query
