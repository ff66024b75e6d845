#include "resolver/zone/common_rr.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"
#include "resolver/zone/master_record_parser.h"
#include "resolver/zone/zone_error.h"

namespace flipdns::zone {
namespace {

const std::string kOrigin = *dns::from_text("example.com.");

// The records of `text`, kept alive with it.
struct Lexed {
  explicit Lexed(std::string t) : text(std::move(t)) {
    lex_master_text(text, "t.zone", [&](const MasterRecord& r) { records.push_back(r); });
  }
  std::string text;
  std::vector<MasterRecord> records;
};

bool taken(const std::string& text, std::string_view prev_owner = {}) {
  Lexed l(text);
  CommonRR rr;
  return read_common_rr(l.records.at(0), {kOrigin, 3600, prev_owner}, rr);
}

struct Read {
  std::string owner;
  uint16_t type;
  uint32_t ttl;
  std::string rdata;
  bool operator==(const Read&) const = default;
};

std::vector<Read> read_all(const std::string& text, MasterRecordParser::Ldns ldns,
                           uint32_t default_ttl = 3600) {
  Lexed l(text);
  MasterRecordParser p(kOrigin, default_ttl, ldns);
  std::vector<Read> out;
  for (const auto& r : l.records)
    if (auto rr = p.parse(r, "t.zone"))
      out.push_back({std::string(rr->owner), rr->type, rr->ttl, std::string(rr->rdata)});
  return out;
}

TEST(CommonRR, ReadsTheCommonTypesAsLdnsDoes) {
  const std::string zone =
      "www 300 IN A 192.0.2.1\n"
      "  AAAA 2001:db8::1\n"
      "WWW.Example.COM. in a 192.0.2.2\n"
      "@ NS ns1\n"
      "@ 1h30m NS ns2.example.net.\n"
      "alias CNAME @\n"
      "1.2 PTR host.sub\n"
      "mail MX 10 mx1\n"
      "  MX 65535 .\n"
      "_sip._tcp SRV 0 5 5060 sip.example.com.\n"
      "*.wild 0 A 192.0.2.9\n"
      "long 00000000000000000300 A 192.0.2.3\n"  // the longest TTL ldns reads
      "txt TXT \"v=spf1 -all\" plain \"\" \"a (b); c\"\n";
  auto common = read_all(zone, MasterRecordParser::Ldns::kUncommon);
  auto ldns = read_all(zone, MasterRecordParser::Ldns::kAll);
  ASSERT_EQ(common.size(), 13u);
  EXPECT_EQ(common, ldns);
  EXPECT_EQ(common[1].owner, *dns::from_text("www.example.com."));  // the previous owner
  EXPECT_EQ(common[2].owner, std::string("\x03WWW\x07"
                                         "Example\x03"
                                         "COM\x00",
                                         17));  // as written
  EXPECT_EQ(common[4].ttl, 5400u);
  EXPECT_EQ(common[5].rdata, kOrigin);
  EXPECT_EQ(common[7].rdata, std::string("\x00\x0a", 2) + *dns::from_text("mx1.example.com."));
  EXPECT_EQ(common[10].ttl, 0u);
  EXPECT_EQ(common[12].rdata, std::string("\x0bv=spf1 -all\x05plain\x00\x08"
                                          "a (b); c",
                                          28));
  // Each of those is this file's to read, not ldns's.
  for (const auto& r : Lexed(zone).records) {
    if (r.owner_omitted) continue;
    CommonRR rr;
    EXPECT_TRUE(read_common_rr(r, {kOrigin, 3600, {}}, rr)) << r.tokens[0].text;
  }
}

TEST(CommonRR, LeavesEverythingElseToLdns) {
  EXPECT_FALSE(taken("t HINFO \"a\" \"b\"\n"));  // another type
  EXPECT_FALSE(taken("t TXT \"a\\\"b\"\n"));     // an escape in a string
  EXPECT_FALSE(taken("t TXT \"a\rb\"\n"));       // ldns reads a carriage return as a blank
  EXPECT_FALSE(taken("t TXT \"" + std::string(256, 's') + "\"\n"));  // a string too long
  EXPECT_TRUE(taken("t TXT \"" + std::string(255, 's') + "\"\n"));
  EXPECT_FALSE(taken("t TYPE1 \\# 4 c0000201\n"));               // RFC 3597
  EXPECT_FALSE(taken("a\\.b A 192.0.2.1\n"));                    // an escape
  EXPECT_FALSE(taken("@030 NS ns1\n"));                          // ldns reads "@030" as "@"
  EXPECT_FALSE(taken(std::string("a\0b A 192.0.2.1\n", 16)));    // ldns's string ends at "a"
  EXPECT_FALSE(taken("t CH A 192.0.2.1\n"));                     // another class
  EXPECT_FALSE(taken("t IN 300 A 192.0.2.1\n"));                 // class before TTL: ldns refuses
  EXPECT_FALSE(taken("t A 192.0.2\n"));                          // an address that does not parse
  EXPECT_FALSE(taken("t AAAA 192.0.2.1\n"));                     //
  EXPECT_FALSE(taken("t A 192.0.2.1 192.0.2.2\n"));              // a field too many
  EXPECT_FALSE(taken("t MX 10\n"));                              // a field too few
  EXPECT_FALSE(taken("t CNAME a..b\n"));                         // an empty label
  EXPECT_FALSE(taken("t 000000000000000000001 A 192.0.2.1\n"));  // ldns's 20-octet TTL buffer
  EXPECT_FALSE(taken(std::string(64, 'x') + " A 192.0.2.1\n"));  // a label too long
  EXPECT_FALSE(taken("  A 192.0.2.1\n"));                        // no previous owner to keep
  EXPECT_TRUE(taken("  A 192.0.2.1\n", kOrigin));
  // A name too long once the origin is added.
  std::string long_name;
  for (int i = 0; i < 4; ++i) long_name += std::string(60, 'a') + ".";
  long_name.pop_back();
  EXPECT_FALSE(taken(long_name + " A 192.0.2.1\n"));
  EXPECT_TRUE(taken(long_name + ". A 192.0.2.1\n"));
}

TEST(CommonRR, LeavesNumbersTheLexerWouldRefuseToLdns) {
  // The lexer stops these before a reader sees them; not taken all the same.
  for (std::string_view preference : {"65536", "+1", "-1", "0x10"}) {
    MasterRecord r;
    r.tokens = {{"t", 1}, {"MX", 1}, {preference, 1}, {"mx", 1}};
    CommonRR rr;
    EXPECT_FALSE(read_common_rr(r, {kOrigin, 3600, {}}, rr)) << preference;
  }
}

TEST(CommonRR, ADefaultTtlOfZeroIsZeroOnBothPaths) {
  // ldns gives 3600 for a missing TTL when its default is 0; $TTL 0 means 0.
  const std::string zone = "$TTL 0\na A 192.0.2.1\nb TXT \"x\"\nc 7 TXT \"y\"\n";
  for (auto ldns : {MasterRecordParser::Ldns::kUncommon, MasterRecordParser::Ldns::kAll}) {
    auto rrs = read_all(zone, ldns);
    ASSERT_EQ(rrs.size(), 3u);
    EXPECT_EQ(rrs[0].ttl, 0u);
    EXPECT_EQ(rrs[1].ttl, 0u);
    EXPECT_EQ(rrs[2].ttl, 7u);
  }
}

TEST(CommonRR, OwnTtlIsTheDigitTokenAfterTheOwner) {
  Lexed l("a 30 A 192.0.2.1\n  40 A 192.0.2.2\nb IN 30 A 192.0.2.3\n  A 192.0.2.4\n");
  ASSERT_EQ(l.records.size(), 4u);
  EXPECT_TRUE(has_own_ttl(l.records[0]));
  EXPECT_TRUE(has_own_ttl(l.records[1]));
  EXPECT_FALSE(has_own_ttl(l.records[2]));
  EXPECT_FALSE(has_own_ttl(l.records[3]));
}

// Records built from pieces that each stress one rule (the "@" forms, escapes,
// relative and absolute names, TTL forms and lengths, classes, field counts,
// addresses that do not parse), read in step by the server's parser and by
// ldns alone: a deterministic cousin of tests/fuzz/fuzz_master_record.cc that
// every unit-test run repeats.
TEST(CommonRR, GeneratedRecordsReadAsLdnsReadsThem) {
  const std::vector<std::string> owners = {"www",
                                           "WWW.Example.COM.",
                                           "@",
                                           "*.wild",
                                           "a.b.c",
                                           "@x",
                                           "x@",
                                           "a\\.b",
                                           "\\065bc",
                                           "a..b",
                                           ".",
                                           "_sip._tcp",
                                           "1.2",
                                           std::string(63, 'o'),
                                           std::string(64, 'o'),
                                           std::string(63, 'o') + "." + std::string(63, 'o') + "." +
                                               std::string(63, 'o') + "." + std::string(50, 'o')};
  const std::vector<std::string> ttls = {"",
                                         "",
                                         "0",
                                         "300",
                                         "1h30m",
                                         "1w",
                                         "2147483647",
                                         "00000000000000000300",
                                         "000000000000000000001"};
  const std::vector<std::string> classes = {"", "", "IN", "in", "CH", "CLASS1"};
  const std::vector<std::string> types = {"A",   "a",   "AAAA", "NS",    "CNAME", "PTR", "MX",
                                          "SRV", "TXT", "CAA",  "TYPE1", "HINFO", "Mx"};
  const std::vector<std::string> fields = {"192.0.2.1",
                                           "192.0.2",
                                           "256.1.1.1",
                                           "2001:db8::1",
                                           "::ffff:192.0.2.1",
                                           "mail",
                                           "mail.example.net.",
                                           "@",
                                           "@.x",
                                           "a\\.b",
                                           "\\#",
                                           "4",
                                           "c0000201",
                                           "10",
                                           "65535",
                                           "010",
                                           "0",
                                           "\"q\"",
                                           "\"\"",
                                           "\"a b;(c)\"",
                                           "\"a\rb\"",
                                           "\"x",
                                           "y\"",
                                           "\"a\\\"b\"",
                                           "x..y",
                                           ".",
                                           std::string(64, 'f'),
                                           std::string(63, 'f') + "." + std::string(63, 'f') + "." +
                                               std::string(63, 'f') + "." + std::string(60, 'f')};
  std::mt19937 rng(20261126);
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
  };
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    std::string line = std::bernoulli_distribution(0.2)(rng) ? " " : pick(owners);
    for (const std::string* part : {&pick(ttls), &pick(classes), &pick(types)})
      if (!part->empty()) line += " " + *part;
    int n = std::uniform_int_distribution<int>(0, 4)(rng);
    for (int k = 0; k < n; ++k) line += " " + pick(fields);
    text += line + "\n";
  }
  Lexed l(text);
  ASSERT_GT(l.records.size(), 10000u);  // quotes open on one line close on another
  MasterRecordParser server(kOrigin, 3600);
  MasterRecordParser ldns(kOrigin, 3600, MasterRecordParser::Ldns::kAll);
  auto read = [](MasterRecordParser& p, const MasterRecord& r) -> std::optional<Read> {
    try {
      auto rr = p.parse(r, "t.zone");
      return Read{std::string(rr->owner), rr->type, rr->ttl, std::string(rr->rdata)};
    } catch (const ZoneError&) {
      return std::nullopt;
    }
  };
  int read_by_both = 0;
  for (const auto& r : l.records) {
    auto a = read(server, r), b = read(ldns, r);
    ASSERT_EQ(a.has_value(), b.has_value()) << "line " << r.line;
    if (!a) continue;
    ASSERT_EQ(*a, *b) << "line " << r.line;
    ++read_by_both;
  }
  EXPECT_GT(read_by_both, 500);
}

}  // namespace
}  // namespace flipdns::zone
