#include "resolver/zone/master_file_lexer.h"

#include <gtest/gtest.h>

namespace flipdns::zone {
namespace {

constexpr const char* kHead =
    "$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h ( 1 3600\n 600 1209600 60 )\n";

int error_line(const std::string& body) {
  try {
    lex_master_text(std::string(kHead) + body, "z", [](const MasterRecord&) {});
  } catch (const ZoneError& e) {
    return e.line();
  }
  return 0;
}

TEST(MasterFileLexer, AcceptsOrdinaryFiles) {
  EXPECT_EQ(
      error_line(
          "@ IN NS ns1\nwww 1h IN A 192.0.2.1\n  IN AAAA ::1\nt IN TXT \"a;b\\\"c\" ; comment\n"
          "mx IN MX 10 mail\nsrv IN SRV 0 5 443 www\n$INCLUDE other.zone\nu IN TYPE65400 \\# 2 "
          "abcd\n"),
      0);
}

TEST(MasterFileLexer, RejectsWhatLdnsLetsThrough) {
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

// Tokens are views of the text: where one ends decides what is checked.
TEST(MasterFileLexer, TokenBoundariesAndLinesHoldAcrossCommentsQuotesAndEscapes) {
  EXPECT_EQ(error_line("mx IN MX 70000;no space before the comment\n"), 5);
  EXPECT_EQ(error_line("mx IN MX 10;70000\n"), 0);       // the comment is no field
  EXPECT_EQ(error_line("a\\;b IN MX 70000 mail\n"), 5);  // an escaped ';' starts no comment
  EXPECT_EQ(error_line("t IN TXT \"two\nlines\\\"\"\nmx IN MX 70000 m\n"), 7);
  EXPECT_EQ(error_line("mx\tIN\tMX\t65536\tm\r\n"), 5);
  EXPECT_EQ(error_line("mx IN MX 65535 m\r\n"), 0);
  EXPECT_EQ(error_line("s IN SOA a b (\n 1 2 3 4\n 5x )\n"), 7);
  EXPECT_EQ(error_line("a\\\nb IN MX 70000 m\n"), 6);  // an escaped newline is a line
  // A line inside parentheses does not start a record, blank or not.
  EXPECT_EQ(error_line("mx IN MX (\n 70000 ) m\n"), 6);
}

}  // namespace
}  // namespace flipdns::zone
