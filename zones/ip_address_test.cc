#include "zones/ip_address.h"

#include <gtest/gtest.h>

namespace flipdns::zones {
namespace {

TEST(IpAddress, ReadsIpv4) {
  auto a = IpAddress::parse("192.0.2.10");
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->is_v4());
  EXPECT_EQ(a->bytes(), std::string("\xc0\x00\x02\x0a", 4));
  EXPECT_EQ(a->to_string(), "192.0.2.10");
}

TEST(IpAddress, ReadsIpv6AndCanonicalises) {
  auto a = IpAddress::parse("2001:DB8:0:0::10");
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->is_v4());
  EXPECT_EQ(a->bytes().size(), 16u);
  EXPECT_EQ(a->to_string(), "2001:db8::10");
  EXPECT_EQ(*a, *IpAddress::parse("2001:db8::10"));
  EXPECT_TRUE(IpAddress::parse("::1"));
}

TEST(IpAddress, RefusesWhatIsNotOneAddress) {
  for (const char* s : {"", "192.0.2", "192.0.2.300", "192.0.2.1:80", "app.example.com",
                        "192.0.2.0/24", "fe80::1%eth0", " 192.0.2.1", "2001:db8::1::2"})
    EXPECT_FALSE(IpAddress::parse(s)) << s;
}

}  // namespace
}  // namespace flipdns::zones
