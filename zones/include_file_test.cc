#include "zones/include_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"
#include "zones/test_files.h"

namespace flipdns::zones {
namespace {

using ::testing::ElementsAre;
using testing::TempDir;

std::string wire(const char* text) {
  return *dns::from_text(text);
}

struct Read {
  std::vector<Record> records;
  std::vector<std::string> errors;
};

Read read(const std::string& text) {
  TempDir dir;
  auto path = dir.write("z.zone", text);
  Read r;
  ConfigErrors errors;
  read_include_file(path, "z.zone", wire("example.com."), 3600, r.records, errors);
  r.errors = testing::strings(errors);
  return r;
}

TEST(IncludeFile, ReadsRecordsWithDirectivesAndPositions) {
  Read r = read(
      "www IN CNAME app\n"
      "$TTL 300\n"
      "txt IN TXT ( \"a\"\n"
      "             \"b\" )\n"
      "$ORIGIN sub.example.com.\n"
      "x 60 IN AAAA 2001:db8::1\n"
      "     IN A 192.0.2.1\n");
  EXPECT_THAT(r.errors, ElementsAre());
  ASSERT_EQ(r.records.size(), 4u);
  EXPECT_EQ(r.records[0].owner.value, wire("www.example.com."));
  EXPECT_EQ(r.records[0].type.value, dns::type::CNAME);
  EXPECT_EQ(r.records[0].ttl.value, 3600);
  EXPECT_EQ(r.records[0].rdata, wire("app.example.com."));
  EXPECT_TRUE(r.records[0].from_include);
  EXPECT_EQ(r.records[1].ttl.value, 300);
  EXPECT_EQ(r.records[1].rdata,
            "\x01"
            "a"
            "\x01"
            "b");
  EXPECT_EQ(r.records[1].at.line, 3);
  EXPECT_EQ(r.records[2].owner.value, wire("x.sub.example.com."));
  EXPECT_EQ(r.records[2].at.line, 6);
  EXPECT_EQ(r.records[3].owner.value, wire("x.sub.example.com."));
  EXPECT_EQ(r.records[3].type.value, dns::type::A);
  EXPECT_EQ(r.records[3].at.line, 7);
  EXPECT_EQ(r.records[3].at.column, 6);
  EXPECT_EQ(r.records[3].at.file, "z.zone");
}

TEST(IncludeFile, ReportsEveryBadEntryAndKeepsTheGoodOnes) {
  Read r = read(
      "a IN A 192.0.2.1\n"
      "b IN A 192.0.2\n"
      "\n"
      "c CH A 192.0.2.1\n"
      "$INCLUDE other.zone\n"
      "  d IN BOGUS 1\n"
      "e IN A 192.0.2.5\n");
  EXPECT_THAT(r.errors,
              ElementsAre("z.zone:2:1: Syntax error, could not parse the RR's rdata",
                          "z.zone:4:1: class other than IN",
                          "z.zone:5:1: $INCLUDE is not allowed in an include file; list the "
                          "records here",
                          "z.zone:6:3: Syntax error, could not parse the RR's rdata"));
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].owner.value, wire("e.example.com."));
}

// An include is read as a zone file is: what flipdns-auth --zone-file refuses
// (and ldns alone would let through) is an error here too.
TEST(IncludeFile, RefusesWhatAZoneFileRefuses) {
  Read r = read(
      "mx IN MX 70000 mail\n"
      "ok IN A 192.0.2.1\n"
      "t 12x IN A 192.0.2.2\n"
      "$ORIGIN\n"
      "q IN TXT \"open\n");
  EXPECT_THAT(r.errors,
              ElementsAre("z.zone:1: value 70000 is out of range (0-65535)",
                          "z.zone:3: bad TTL '12x'", "z.zone:4:1: $ORIGIN takes one domain name",
                          "z.zone:5: quoted string is never closed"));
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].owner.value, wire("ok.example.com."));
}

// The last record may have no newline after it.
TEST(IncludeFile, ReadsALastLineWithoutNewline) {
  Read r = read(
      "a IN A 192.0.2.1\n"
      "b IN TXT ( \"x\"\n"
      "  \"y\" )");
  EXPECT_THAT(r.errors, ElementsAre());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].owner.value, wire("b.example.com."));
  EXPECT_EQ(r.records[1].rdata,
            "\x01"
            "x"
            "\x01"
            "y");
  EXPECT_EQ(r.records[1].at.line, 2);
  EXPECT_THAT(read("a IN A 192.0.2").errors,
              ElementsAre("z.zone:1:1: Syntax error, could not parse the RR's rdata"));
}

// Every position read from one file shares one copy of its name.
TEST(IncludeFile, PositionsShareTheFileName) {
  Read r = read("a IN A 192.0.2.1\nb IN A 192.0.2.2\n");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(&r.records[0].at.file.str(), &r.records[1].owner.at.file.str());
}

TEST(IncludeFile, ReportsAMissingFile) {
  std::vector<Record> out;
  ConfigErrors errors;
  read_include_file("/nonexistent/z.zone", "z.zone", wire("example.com."), 3600, out, errors);
  EXPECT_THAT(testing::strings(errors), ElementsAre("z.zone: cannot read the include file"));
}

}  // namespace
}  // namespace flipdns::zones
