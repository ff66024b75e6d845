#include "resolver/zone/master_record_parser.h"

#include <gtest/gtest.h>

#include <vector>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"

namespace flipdns::zone {
namespace {

struct Parsed {
  std::string owner;  // presentation
  uint16_t type;
  uint32_t ttl;
  std::string rdata;
};

// Lexes `text` and parses every record, as a reader does.
std::vector<Parsed> parse_all(const std::string& text, uint32_t default_ttl = 3600) {
  MasterRecordParser p(*dns::from_text("example.com."), default_ttl);
  std::vector<Parsed> out;
  lex_master_text(text, "t.zone", [&](const MasterRecord& r) {
    if (auto rr = p.parse(r, "t.zone"))
      out.push_back({dns::to_text(rr->owner), rr->type, rr->ttl, std::string(rr->rdata)});
  });
  return out;
}

int error_line(const std::string& text) {
  try {
    parse_all(text);
  } catch (const ZoneError& e) {
    return e.line();
  }
  return 0;
}

TEST(MasterRecordParser, KeepsOwnerTtlAndOriginAcrossRecords) {
  auto rrs = parse_all(
      "a A 192.0.2.1\n"
      "  AAAA 2001:db8::1\n"
      "$TTL 1h\n"
      "$ORIGIN sub\n"
      "@ 30 TXT \"x\"\n"
      "  MX 10 mail\n");
  ASSERT_EQ(rrs.size(), 4u);
  EXPECT_EQ(rrs[0].owner, "a.example.com.");
  EXPECT_EQ(rrs[0].ttl, 3600u);
  EXPECT_EQ(rrs[0].rdata, std::string("\xc0\x00\x02\x01", 4));
  EXPECT_EQ(rrs[1].owner, "a.example.com.");
  EXPECT_EQ(rrs[1].type, dns::type::AAAA);
  EXPECT_EQ(rrs[2].owner, "sub.example.com.");
  EXPECT_EQ(rrs[2].ttl, 30u);
  EXPECT_EQ(rrs[3].owner, "sub.example.com.");
  EXPECT_EQ(rrs[3].ttl, 3600u);  // from $TTL 1h
  EXPECT_EQ(rrs[3].rdata, std::string("\x00\x0a", 2) + *dns::from_text("mail.sub.example.com."));
}

TEST(MasterRecordParser, DefaultTtlIsTheCallersUntilATtlDirective) {
  auto rrs = parse_all("a A 192.0.2.1\n$ttl 5\nb A 192.0.2.2\n", 77);
  ASSERT_EQ(rrs.size(), 2u);
  EXPECT_EQ(rrs[0].ttl, 77u);
  EXPECT_EQ(rrs[1].ttl, 5u);
}

TEST(MasterRecordParser, MistakesAreErrorsAtTheRecordsFirstLine) {
  EXPECT_EQ(error_line("a A 192.0.2.1\nb CH A 192.0.2.1\n"), 2);     // class
  EXPECT_EQ(error_line("a A 192.0.2.1\nb A (\n 192.0.2 )\n"), 2);    // rdata
  EXPECT_EQ(error_line("a A 192.0.2.1\n$INCLUDE other.zone\n"), 2);  // the caller's
  EXPECT_EQ(error_line("$ORIGIN bad..name\n"), 1);
  EXPECT_EQ(error_line("$TTL 1 2\n"), 1);
}

TEST(MasterRecordParser, NewlinesReachLdnsAsDecimalEscapes) {
  // A quoted string over two lines and an escaped newline; then a record that
  // made ldns 1.8.3 write past its 21-octet TTL buffer (valgrind: "Invalid
  // write ... 0 bytes after a block of size 21"): a quoted owner holding
  // newlines and parentheses, found by tests/fuzz/fuzz_master_record.cc.
  const std::string txt = "a TXT \"x\ny\" x\\\nz\n";
  const std::string quoted_owner =
      "\"\n((((((((((((((((((((((((((((((\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
      "\" A 192.0.2.1\n";
  const std::string text = txt + quoted_owner;
  std::vector<MasterRecord> records;
  lex_master_text(text, "t.zone", [&](const MasterRecord& r) { records.push_back(r); });
  ASSERT_EQ(records.size(), 2u);
  std::string line;
  ldns_record_text(records[0], line);
  EXPECT_EQ(line, "a TXT \"x\\010y\" x\\010z");
  ldns_record_text(records[1], line);
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  auto rrs = parse_all(text);
  ASSERT_EQ(rrs.size(), 2u);
  EXPECT_EQ(rrs[0].rdata, std::string("\3x\ny\3x\nz"));
  EXPECT_EQ(rrs[1].type, dns::type::A);  // an odd owner, but a name ldns can read
}

TEST(MasterRecordParser, NamesTheDirectiveInUpperCase) {
  MasterRecord r;
  r.tokens = {{"$include", 1}, {"x", 1}};
  EXPECT_EQ(master_directive(r), "$INCLUDE");
  r.tokens = {{"www", 1}};
  EXPECT_EQ(master_directive(r), "");
}

}  // namespace
}  // namespace flipdns::zone
