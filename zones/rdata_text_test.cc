#include "zones/rdata_text.h"

#include <gtest/gtest.h>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"

namespace flipdns::zones {
namespace {

std::string wire(const char* text) {
  return *dns::from_text(text);
}

TEST(RdataText, CompletesRelativeNamesWithTheOrigin) {
  auto r = parse_rdata(wire("example.com."), 300, dns::type::MX, "10 mail", wire("example.com."));
  ASSERT_TRUE(std::holds_alternative<RdataText>(r));
  EXPECT_EQ(std::get<RdataText>(r).rdata, std::string("\0\x0a", 2) + wire("mail.example.com."));
}

TEST(RdataText, ReadsQuotedTxtAsOneString) {
  auto r = parse_rdata(wire("example.com."), 300, dns::type::TXT, "\"v=spf1 -all\"",
                       wire("example.com."));
  ASSERT_TRUE(std::holds_alternative<RdataText>(r));
  EXPECT_EQ(std::get<RdataText>(r).rdata, std::string("\x0bv=spf1 -all"));
}

TEST(RdataText, ReadsAddressesAndRfc3597) {
  auto a = parse_rdata(wire("a.example.com."), 60, dns::type::A, "192.0.2.1", wire("example.com."));
  ASSERT_TRUE(std::holds_alternative<RdataText>(a));
  EXPECT_EQ(std::get<RdataText>(a).rdata, std::string("\xc0\x00\x02\x01", 4));
  EXPECT_EQ(std::get<RdataText>(a).text, "a.example.com.\t60\tIN\tA\t192.0.2.1");
  auto u = parse_rdata(wire("a.example.com."), 60, 65400, "\\# 2 abcd", wire("example.com."));
  ASSERT_TRUE(std::holds_alternative<RdataText>(u));
  EXPECT_EQ(std::get<RdataText>(u).rdata, "\xab\xcd");
}

TEST(RdataText, ReportsBadData) {
  auto r = parse_rdata(wire("a.example.com."), 60, dns::type::A, "192.0.2", wire("example.com."));
  ASSERT_TRUE(std::holds_alternative<std::string>(r));
  EXPECT_EQ(std::get<std::string>(r), "Syntax error, could not parse the RR's rdata");
  auto extra =
      parse_rdata(wire("a.example.com."), 60, dns::type::A, "192.0.2.1 5", wire("example.com."));
  EXPECT_EQ(std::get<std::string>(extra), "Syntax error, superfluous text present");
  auto lines = parse_rdata(wire("a.example.com."), 60, dns::type::A, "192.0.2.1\n192.0.2.2",
                           wire("example.com."));
  EXPECT_EQ(std::get<std::string>(lines), "a value must be one line");
}

TEST(RdataText, KnowsTypesByName) {
  EXPECT_EQ(rr_type_by_name("A"), dns::type::A);
  EXPECT_EQ(rr_type_by_name("caa"), dns::type::CAA);
  EXPECT_EQ(rr_type_by_name("TYPE65400"), 65400);
  EXPECT_EQ(rr_type_by_name("AAA"), 0);
  EXPECT_EQ(rr_type_name(dns::type::AAAA), "AAAA");
  EXPECT_EQ(rr_type_name(65400), "TYPE65400");
  EXPECT_TRUE(is_meta_type(dns::type::ANY));
  EXPECT_TRUE(is_meta_type(dns::type::OPT));
  EXPECT_TRUE(is_meta_type(dns::type::AXFR));
  EXPECT_FALSE(is_meta_type(dns::type::CAA));
  EXPECT_FALSE(is_meta_type(dns::type::TXT));
}

}  // namespace
}  // namespace flipdns::zones
