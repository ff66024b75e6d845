#include "resolver/zone/master_file_check.h"

#include <gtest/gtest.h>

namespace flipdns::zone {
namespace {

constexpr const char* kHead =
    "$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h ( 1 3600\n 600 1209600 60 )\n";

int error_line(const std::string& body) {
  try {
    check_master_text(std::string(kHead) + body, "z");
  } catch (const ZoneError& e) {
    return e.line();
  }
  return 0;
}

TEST(MasterFileCheck, AcceptsOrdinaryFiles) {
  EXPECT_EQ(
      error_line(
          "@ IN NS ns1\nwww 1h IN A 192.0.2.1\n  IN AAAA ::1\nt IN TXT \"a;b\\\"c\" ; comment\n"
          "mx IN MX 10 mail\nsrv IN SRV 0 5 443 www\n$INCLUDE other.zone\nu IN TYPE65400 \\# 2 "
          "abcd\n"),
      0);
}

TEST(MasterFileCheck, RejectsWhatLdnsLetsThrough) {
  EXPECT_EQ(error_line("mail 12x IN A 192.0.2.1\n"), 5);
  EXPECT_EQ(error_line("$FOO bar\n"), 5);
  EXPECT_EQ(error_line("a IN A 192.0.2.1\nhost2 IN TXT \"abc\n"), 6);
  EXPECT_EQ(error_line("x IN TXT ( \"a\"\n"), 5);
  EXPECT_EQ(error_line("x IN TXT \"a\" )\n"), 5);
  EXPECT_EQ(error_line("mx IN MX 70000 mail\n"), 5);
  EXPECT_EQ(error_line("big 99999999999 IN A 192.0.2.1\n"), 5);
  EXPECT_EQ(error_line("$TTL forever\n"), 5);
  EXPECT_EQ(error_line("srv IN SRV 0 5 70000 www\n"), 5);
}

}  // namespace
}  // namespace flipdns::zone
