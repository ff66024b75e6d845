// Failover groups: answers that read a group's addresses live in the overlay and
// change with it; everything else stays compiled with the zone.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"
#include "resolver/query/answer_compiler.h"
#include "resolver/query/test_zone.h"
#include "resolver/zone/zone_builder.h"

namespace flipdns::query {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

std::string N(const char* t) {
  return *dns::from_text(t);
}
std::string v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  return std::string{char(a), char(b), char(c), char(d)};
}

std::shared_ptr<const zone::Zone> group_zone(int extra_names = 0) {
  zone::ZoneBuilder b(N("example.com."), "t");
  std::string soa = N("ns1.example.com.") + N("h.example.com.") +
                    std::string("\0\0\0\7\0\0\0\1\0\0\0\1\0\0\0\1\0\0\0\74", 20);
  b.add(N("example.com."), dns::type::SOA, 300, soa, "t", 1);
  b.add(N("example.com."), dns::type::NS, 300, N("ns1.example.com."), "t", 2);
  b.add(N("ns1.example.com."), dns::type::A, 300, v4(192, 0, 2, 53), "t", 3);
  b.add(N("www.example.com."), dns::type::CNAME, 300, N("app.example.com."), "t", 4);
  b.add(N("example.com."), dns::type::MX, 300, std::string("\0\12", 2) + N("mail.example.com."),
        "t", 5);
  b.add(N("app.example.com."), dns::type::TXT, 300, std::string("\2hi", 3), "t", 6);
  for (int i = 0; i < extra_names; ++i)
    b.add(*dns::from_text("h" + std::to_string(i) + ".example.com."), dns::type::A, 300,
          v4(10, 0, 0, 1), "t", 7);
  b.add_group(N("app.example.com."), "t", 10);
  b.add_group(N("mail.example.com."), "t", 11);
  return compile_zone(b.build());
}

zone::GroupAddresses addrs(std::vector<std::string> v4s, std::vector<std::string> v6s = {}) {
  zone::GroupAddresses g;
  g.ttl = 30;
  g.v4 = std::move(v4s);
  g.v6 = std::move(v6s);
  return g;
}

std::shared_ptr<const zone::ZoneSet> serve(std::shared_ptr<const zone::Zone> z,
                                           std::vector<zone::GroupAddresses> groups,
                                           uint32_t serial) {
  auto o = build_overlay(*z, zone::GroupRRsets(groups), serial);
  return std::make_shared<zone::ZoneSet>(std::vector<zone::ServedZone>{{z, o}});
}

testing::Reply ask(const zone::ZoneSet& s, const char* name, uint16_t type) {
  return testing::ask(s, testing::make_query(name, type));
}

TEST(Overlay, GroupAnswersFollowTheDecision) {
  auto z = group_zone();
  auto primary =
      serve(z, {addrs({v4(192, 0, 2, 10), v4(192, 0, 2, 11)}), addrs({v4(192, 0, 2, 25)})}, 7);
  auto standby = serve(z, {addrs({v4(198, 51, 100, 10)}), addrs({v4(198, 51, 100, 25)})}, 8);

  EXPECT_THAT(ask(*primary, "app.example.com.", dns::type::A).answer,
              UnorderedElementsAre("app.example.com. 30 IN A 192.0.2.10",
                                   "app.example.com. 30 IN A 192.0.2.11"));
  EXPECT_THAT(ask(*standby, "app.example.com.", dns::type::A).answer,
              ElementsAre("app.example.com. 30 IN A 198.51.100.10"));
  // A CNAME into the group follows it.
  EXPECT_THAT(ask(*standby, "www.example.com.", dns::type::A).answer,
              ElementsAre("www.example.com. 300 IN CNAME app.example.com.",
                          "app.example.com. 30 IN A 198.51.100.10"));
  // The MX's additional section names the mail group's current address.
  EXPECT_THAT(ask(*standby, "example.com.", dns::type::MX).additional,
              ElementsAre("mail.example.com. 30 IN A 198.51.100.25"));
  // No IPv6 members: AAAA is NODATA, never an empty answer with NOERROR and no SOA.
  auto aaaa = ask(*standby, "app.example.com.", dns::type::AAAA);
  EXPECT_THAT(aaaa.answer, IsEmpty());
  ASSERT_EQ(aaaa.authority.size(), 1u);
  // Static data beside the group stays.
  EXPECT_THAT(ask(*standby, "app.example.com.", dns::type::TXT).answer,
              ElementsAre("app.example.com. 300 IN TXT \"hi\""));
}

TEST(Overlay, SerialComesFromTheOverlayEverywhere) {
  auto z = group_zone();
  auto s = serve(z, {addrs({v4(192, 0, 2, 10)}), addrs({v4(192, 0, 2, 25)})}, 4242);
  auto soa = ask(*s, "example.com.", dns::type::SOA);
  ASSERT_EQ(soa.answer.size(), 1u);
  EXPECT_THAT(soa.answer[0], ::testing::HasSubstr(" 4242 "));
  auto nx = ask(*s, "nope.example.com.", dns::type::A);
  ASSERT_EQ(nx.authority.size(), 1u);
  EXPECT_THAT(nx.authority[0], ::testing::HasSubstr(" 4242 "));
}

TEST(Overlay, RecipesCoverOnlyTheGroupsNames) {
  auto small = group_zone(10);
  auto large = group_zone(5000);
  EXPECT_EQ(small->recipes().size(), large->recipes().size());
  EXPECT_LT(small->recipes().size(), 40u);
}

TEST(Overlay, GroupOwnerWithStaticAddressIsRejected) {
  zone::ZoneBuilder b(N("example.com."), "t");
  std::string soa = N("ns1.example.com.") + N("h.example.com.") + std::string(20, '\1');
  b.add(N("example.com."), dns::type::SOA, 300, soa, "t", 1);
  b.add(N("example.com."), dns::type::NS, 300, N("ns1.example.com."), "t", 2);
  b.add(N("app.example.com."), dns::type::A, 300, v4(1, 2, 3, 4), "t", 3);
  b.add_group(N("app.example.com."), "g.yaml", 9);
  try {
    b.build();
    FAIL();
  } catch (const zone::ZoneError& e) {
    EXPECT_EQ(e.line(), 9);
    EXPECT_THAT(e.what(), ::testing::HasSubstr("also has static A"));
  }
}

}  // namespace
}  // namespace flipdns::query
