#include "resolver/zone/zone_set.h"

#include <gtest/gtest.h>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"
#include "resolver/zone/zone_builder.h"

namespace flipdns::zone {
namespace {

std::string N(const char* t) {
  return *dns::from_text(t);
}

ServedZone make(const char* origin) {
  ZoneBuilder b(N(origin), origin);
  std::string soa = N("ns.") + N("h.") + std::string(20, '\0');
  b.add(N(origin), dns::type::SOA, 1, soa, "x", 1);
  b.add(N(origin), dns::type::NS, 1, N("ns."), "x", 1);
  return {b.build(), std::make_shared<Overlay>()};
}

TEST(ZoneSet, LongestSuffixWins) {
  ZoneSet set({make("example.com."), make("sub.example.com."), make("org.")});
  EXPECT_EQ(set.find(N("www.example.com."))->zone->origin(), N("example.com."));
  EXPECT_EQ(set.find(N("a.b.sub.example.com."))->zone->origin(), N("sub.example.com."));
  EXPECT_EQ(set.find(N("sub.example.com."))->zone->origin(), N("sub.example.com."));
  EXPECT_EQ(set.find(N("sub.example.com."), true)->zone->origin(), N("example.com."));
  EXPECT_EQ(set.find(N("x.org."))->zone->origin(), N("org."));
  EXPECT_EQ(set.find(N("example.net.")), nullptr);
  EXPECT_EQ(set.find(N("com.")), nullptr);
  EXPECT_EQ(set.find(N("xexample.com.")), nullptr);
}

TEST(ZoneSet, RootZoneAndEmptySet) {
  ZoneSet root({make(".")});
  EXPECT_EQ(root.find(N("anything.example.")), &root.zones().front());
  ZoneSet none({});
  EXPECT_EQ(none.find(N("a.")), nullptr);
}

}  // namespace
}  // namespace flipdns::zone
