#include "resolver/zone/zone_builder.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"

namespace flipdns::zone {
namespace {

std::string N(const char* t) {
  return *dns::from_text(t);
}
std::string soa_rdata() {
  std::string rd = N("ns1.example.com.") + N("h.example.com.");
  rd.append(std::string("\0\0\0\1\0\0\0\2\0\0\0\3\0\0\0\4\0\0\0\5", 20));
  return rd;
}

ZoneBuilder base() {
  ZoneBuilder b(N("example.com."), "t.zone");
  b.add(N("example.com."), dns::type::SOA, 300, soa_rdata(), "t.zone", 1);
  b.add(N("example.com."), dns::type::NS, 300, N("ns1.example.com."), "t.zone", 2);
  return b;
}

TEST(ZoneBuilder, BuildsNodesWithEntsCutsAndWildcards) {
  ZoneBuilder b = base();
  b.add(N("a.b.c.example.com."), dns::type::A, 300, std::string("\1\2\3\4", 4), "t.zone", 3);
  b.add(N("*.w.example.com."), dns::type::A, 300, std::string("\1\2\3\4", 4), "t.zone", 4);
  b.add(N("Del.example.com."), dns::type::NS, 300, N("ns.del.example.com."), "t.zone", 5);
  b.add(N("ns.del.example.com."), dns::type::A, 300, std::string("\1\2\3\5", 4), "t.zone", 6);
  auto z = b.build();
  EXPECT_EQ(z->serial(), 1u);
  uint32_t ent = z->find(N("b.c.example.com."));
  ASSERT_NE(ent, kNone);
  EXPECT_TRUE(z->node(ent).flags & kNodeEmpty);
  uint32_t w = z->find(N("w.example.com."));
  ASSERT_NE(w, kNone);
  EXPECT_EQ(z->node(w).wildcard, z->find(N("*.w.example.com.")));
  uint32_t del = z->find(N("del.example.com."));  // stored lower-case
  ASSERT_NE(del, kNone);
  EXPECT_EQ(z->node(del).cut, del);
  EXPECT_EQ(z->node(z->find(N("ns.del.example.com."))).cut, del);
  EXPECT_EQ(z->node(z->apex()).cut, kNone);
}

TEST(ZoneBuilder, DropsDuplicatesAndUsesLowestTtl) {
  ZoneBuilder b = base();
  b.add(N("x.example.com."), dns::type::A, 300, std::string("\1\2\3\4", 4), "t.zone", 3);
  b.add(N("x.example.com."), dns::type::A, 100, std::string("\1\2\3\4", 4), "t.zone", 4);
  b.add(N("x.example.com."), dns::type::A, 200, std::string("\1\2\3\5", 4), "t.zone", 5);
  auto z = b.build();
  const RRset* a = z->rrset(z->node(z->find(N("x.example.com."))), dns::type::A);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->count, 2);
  EXPECT_EQ(a->ttl, 100u);
}

// Owners are looked up only in build(), once per run of same-owner RRs: an
// owner that comes back later, in any case, is still one node.
TEST(ZoneBuilder, AnOwnersRecordsMergeWhereverTheyAppear) {
  ZoneBuilder b = base();
  b.add(N("x.example.com."), dns::type::A, 300, std::string("\1\2\3\4", 4), "t.zone", 3);
  b.add(N("y.example.com."), dns::type::A, 300, std::string("\1\2\3\4", 4), "t.zone", 4);
  b.add(N("X.example.com."), dns::type::A, 300, std::string("\1\2\3\5", 4), "t.zone", 5);
  b.add(N("x.EXAMPLE.com."), dns::type::TXT, 300, std::string("\1t", 2), "t.zone", 6);
  b.add(N("example.com."), dns::type::NS, 300, N("ns2.example.com."), "t.zone", 7);
  auto z = b.build();
  EXPECT_EQ(z->node_count(), 3u);  // the apex, x and y
  const Node& x = z->node(z->find(N("x.example.com.")));
  ASSERT_NE(z->rrset(x, dns::type::A), nullptr);
  EXPECT_EQ(z->rrset(x, dns::type::A)->count, 2);
  EXPECT_NE(z->rrset(x, dns::type::TXT), nullptr);
  EXPECT_EQ(z->rrset(z->node(z->apex()), dns::type::NS)->count, 2);
}

// The size hint rehashes the names already added: a zone built with it, given
// mid-way and too small, is the zone built without it.
TEST(ZoneBuilder, ExpectedRecordsAreOnlyAHint) {
  auto fill = [](ZoneBuilder& b, std::size_t hint_at, std::size_t hint) {
    for (std::size_t i = 0; i < 3000; ++i) {
      if (i == hint_at) b.expect_records(hint);
      std::string owner = N(("h" + std::to_string(i % 2000) + ".example.com.").c_str());
      std::string rd = {1, 2, static_cast<char>(i >> 8), static_cast<char>(i)};
      b.add(owner, dns::type::A, 300, rd, "t.zone", static_cast<int>(i + 3));
    }
  };
  ZoneBuilder plain = base(), hinted = base(), small = base();
  fill(plain, SIZE_MAX, 0);
  fill(hinted, 1500, 100000);
  fill(small, 10, 1);
  auto want = plain.build();
  for (ZoneBuilder* b : {&hinted, &small}) {
    auto z = b->build();
    EXPECT_EQ(z->digest(), want->digest());
    EXPECT_EQ(z->node_count(), want->node_count());
    for (int i : {0, 999, 1999})
      EXPECT_NE(z->find(N(("h" + std::to_string(i) + ".example.com.").c_str())), kNone) << i;
  }
}

void expect_error(ZoneBuilder& b, int line, const std::string& fragment) {
  try {
    b.build();
    FAIL() << "expected an error containing " << fragment;
  } catch (const ZoneError& e) {
    EXPECT_EQ(e.line(), line);
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(ZoneBuilder, CnameBesideOtherDataIsAnError) {
  ZoneBuilder b = base();
  b.add(N("x.example.com."), dns::type::CNAME, 300, N("y.example.com."), "t.zone", 7);
  b.add(N("x.example.com."), dns::type::A, 300, std::string("\1\2\3\4", 4), "t.zone", 8);
  expect_error(b, 7, "beside other data");
}

TEST(ZoneBuilder, MissingSoaOrNsIsAnError) {
  ZoneBuilder no_soa(N("example.com."), "t.zone");
  no_soa.add(N("example.com."), dns::type::NS, 300, N("ns1.example.com."), "t.zone", 1);
  expect_error(no_soa, 0, "no SOA");
  ZoneBuilder no_ns(N("example.com."), "t.zone");
  no_ns.add(N("example.com."), dns::type::SOA, 300, soa_rdata(), "t.zone", 1);
  expect_error(no_ns, 1, "no NS");
}

TEST(ZoneBuilder, OutOfZoneOwnerAndBadRdataRejectedAtAdd) {
  ZoneBuilder b = base();
  EXPECT_THROW(b.add(N("example.net."), dns::type::A, 1, std::string("\1\2\3\4", 4), "t.zone", 9),
               ZoneError);
  EXPECT_THROW(b.add(N("x.example.com."), dns::type::A, 1, std::string("\1\2", 2), "t.zone", 10),
               ZoneError);
  EXPECT_THROW(
      b.add(N("x.example.com."), dns::type::MX, 1, std::string("\0\1\77", 3), "t.zone", 11),
      ZoneError);
}

}  // namespace
}  // namespace flipdns::zone
