#include "resolver/zone/master_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"

namespace flipdns::zone {
namespace {

class MasterFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("flipdns-mf-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    auto p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }
  std::filesystem::path dir_;
};

TEST_F(MasterFileTest, ReadsDirectivesIncludeAndUnknownTypes) {
  write("inc.zone", "extra IN A 192.0.2.9\n$ORIGIN other.example.com.\nx IN A 192.0.2.10\n");
  std::string main = write("main.zone",
                           "$ORIGIN example.com.\n$TTL 120\n"
                           "@ IN SOA ns1 hostmaster ( 42 3600 600\n 1209600 60 )\n"
                           "@ IN NS ns1\n"
                           "ns1 IN A 192.0.2.1\n"
                           "$INCLUDE inc.zone\n"
                           "after IN TYPE65400 \\# 2 abcd\n");
  auto z = read_master_file("example.com", main);
  EXPECT_EQ(z->serial(), 42u);
  EXPECT_NE(z->find(*dns::from_text("extra.example.com.")), kNone);
  EXPECT_NE(z->find(*dns::from_text("x.other.example.com.")), kNone);
  // The include's $ORIGIN stays in the include (RFC 1035 5.1).
  uint32_t after = z->find(*dns::from_text("after.example.com."));
  ASSERT_NE(after, kNone);
  const RRset* unk = z->rrset(z->node(after), 65400);
  ASSERT_NE(unk, nullptr);
  EXPECT_EQ(unk->ttl, 120u);
}

TEST_F(MasterFileTest, SyntaxErrorNamesFileAndLine) {
  std::string p = write("bad.zone",
                        "$ORIGIN example.com.\n$TTL 120\n@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\n"
                        "www IN A 999.1.1.1\n");
  try {
    read_master_file("example.com.", p);
    FAIL();
  } catch (const ZoneError& e) {
    EXPECT_EQ(e.file(), p);
    EXPECT_EQ(e.line(), 5);
  }
}

TEST_F(MasterFileTest, BadTtlDirectiveIsAnError) {
  std::string p = write(
      "ttl.zone", "$ORIGIN example.com.\n$TTL forever\n@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\n");
  try {
    read_master_file("example.com.", p);
    FAIL();
  } catch (const ZoneError& e) {
    EXPECT_EQ(e.line(), 2);
  }
  std::string ok = write(
      "ttl2.zone", "$ORIGIN example.com.\n$TTL 1h30m\n@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\n");
  EXPECT_NO_THROW(read_master_file("example.com.", ok));
}

// Regression: fuzz_zone_file crash-cd07341d. A relative owner that is short
// enough alone but longer than 255 octets with the origin appended crashed the
// builder; it is a ZoneError now.
TEST_F(MasterFileTest, OwnerLongerThan255OctetsWithTheOriginIsAnError) {
  std::string labels;
  for (int i = 0; i < 124; ++i) labels += "a.";  // 251 octets alone, 263 with the origin
  labels += "b";
  std::string p =
      write("long.zone", "$ORIGIN example.com.\n$TTL 60\n@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\n" +
                             labels + " IN A 192.0.2.1\n");
  try {
    read_master_file("example.com.", p);
    FAIL();
  } catch (const ZoneError& e) {
    EXPECT_EQ(e.line(), 5);
    EXPECT_NE(std::string(e.what()).find("255"), std::string::npos) << e.what();
  }
}

// The rdata of every RR of one RRset, in zone order.
std::vector<std::string> rdata_of(const Zone& z, const std::string& owner, uint16_t type) {
  std::vector<std::string> out;
  uint32_t n = z.find(*dns::from_text(owner));
  if (n == kNone) return out;
  const RRset* s = z.rrset(z.node(n), type);
  if (s) for_each_rdata(z.rdata_arena(), *s, [&](std::string_view rd) { out.emplace_back(rd); });
  return out;
}

constexpr const char* kApex = "$ORIGIN example.com.\n$TTL 60\n@ IN SOA ns1 h 1 2 3 4 5\n@ NS ns1\n";

TEST_F(MasterFileTest, RelativeOriginIsRelativeToTheCurrentOne) {
  std::string p = write("rel.zone", std::string(kApex) +
                                        "$ORIGIN sub\nwww A 192.0.2.1\n"
                                        "$origin deeper.sub.example.com.\nx A 192.0.2.2\n");
  auto z = read_master_file("example.com.", p);
  EXPECT_EQ(rdata_of(*z, "www.sub.example.com.", dns::type::A).size(), 1u);
  EXPECT_EQ(rdata_of(*z, "x.deeper.sub.example.com.", dns::type::A).size(), 1u);
}

// Parentheses, comments and quotes span lines; the record is one to ldns.
TEST_F(MasterFileTest, MultiLineRecordsKeepQuotesAndTheOwner) {
  std::string p = write("ml.zone", std::string(kApex) +
                                       "t IN TXT ( \"a b\" ; first\n"
                                       "  \"c;d\" ) ; second\n"
                                       "  IN A 192.0.2.7\n"
                                       "q TXT \"x\\\"y\"\n"
                                       "n TXT \"two\nlines\"\n");
  auto z = read_master_file("example.com.", p);
  EXPECT_EQ(rdata_of(*z, "t.example.com.", dns::type::TXT),
            (std::vector<std::string>{std::string("\x03"
                                                  "a b"
                                                  "\x03"
                                                  "c;d",
                                                  8)}));
  EXPECT_EQ(rdata_of(*z, "t.example.com.", dns::type::A),
            (std::vector<std::string>{std::string("\xc0\x00\x02\x07", 4)}));
  EXPECT_EQ(rdata_of(*z, "q.example.com.", dns::type::TXT),
            (std::vector<std::string>{std::string("\x03x\"y", 4)}));
  EXPECT_EQ(rdata_of(*z, "n.example.com.", dns::type::TXT),
            (std::vector<std::string>{std::string("\x09two\nlines", 10)}));
}

TEST_F(MasterFileTest, DirectiveMistakesAreErrorsAtTheirLine) {
  for (const char* body : {"$ORIGIN\n", "$ORIGIN a. b.\n", "$TTL\n", "$TTL 1 2\n", "$INCLUDE\n",
                           "$INCLUDE a b c\n", "$INCLUDE none.zone\n", "$ORIGIN a..b\n"}) {
    std::string p = write("d.zone", std::string(kApex) + body);
    try {
      read_master_file("example.com.", p);
      ADD_FAILURE() << body;
    } catch (const ZoneError& e) {
      EXPECT_EQ(e.line(), 5) << body << ": " << e.what();
    }
  }
}

TEST_F(MasterFileTest, ErrorInAMultiLineRecordNamesItsFirstLine) {
  std::string p = write("e.zone", std::string(kApex) + "bad IN MX (\n 10\n not..a.name )\n");
  try {
    read_master_file("example.com.", p);
    FAIL();
  } catch (const ZoneError& e) {
    EXPECT_EQ(e.line(), 5);
  }
}

TEST_F(MasterFileTest, MissingFileIsAnError) {
  EXPECT_THROW(read_master_file("example.com.", (dir_ / "none.zone").string()), ZoneError);
}

}  // namespace
}  // namespace flipdns::zone
