#include "resolver/server/endpoint.h"

#include <gtest/gtest.h>

namespace flipdns::server {
namespace {

TEST(ParseEndpoint, ReadsIpv4) {
  auto e = parse_endpoint("127.0.0.1:5300");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->family(), AF_INET);
  EXPECT_EQ(e->port(), 5300);
  EXPECT_EQ(e->to_string(), "127.0.0.1:5300");
  EXPECT_FALSE(e->is_wildcard());
}

TEST(ParseEndpoint, ReadsBracketedIpv6) {
  auto e = parse_endpoint("[::1]:5300");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->family(), AF_INET6);
  EXPECT_EQ(e->port(), 5300);
  EXPECT_EQ(e->to_string(), "[::1]:5300");
}

TEST(ParseEndpoint, KnowsWildcards) {
  EXPECT_TRUE(parse_endpoint("0.0.0.0:53")->is_wildcard());
  EXPECT_TRUE(parse_endpoint("[::]:53")->is_wildcard());
}

TEST(ParseEndpoint, RefusesBadText) {
  for (const char* bad :
       {"", "127.0.0.1", "127.0.0.1:", ":53", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:53x",
        "localhost:53", "::1:53", "[::1]53", "[::1]", "[127.0.0.1]:53", "1.2.3:53", "[::1:53"}) {
    EXPECT_FALSE(parse_endpoint(bad)) << bad;
  }
}

TEST(ParseEndpoint, AllowsPortZeroForCallersToCheck) {
  auto e = parse_endpoint("127.0.0.1:0");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->port(), 0);
}

}  // namespace
}  // namespace flipdns::server
