#include "resolver/zone/zone_builder.h"

#include <gtest/gtest.h>

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
