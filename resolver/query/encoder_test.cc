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
  EncodedBody b = Encoder(host, host.size()).encode(s);
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
  EncodedBody b = Encoder(z.origin(), z.origin().size()).encode(negative(z, dns::rcode::NXDOMAIN));
  ASSERT_EQ(b.nscount, 1);
  ASSERT_FALSE(b.relocs.empty());
  EXPECT_EQ(b.relocs.front(), 0);  // the SOA owner points into the question
}

}  // namespace
}  // namespace flipdns::query
