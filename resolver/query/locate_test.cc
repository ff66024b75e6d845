#include "resolver/query/locate.h"

#include <gtest/gtest.h>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"
#include "resolver/query/test_zone.h"

namespace flipdns::query {
namespace {

constexpr const char* kZone = R"(
$ORIGIN example.com.
$TTL 300
@ IN SOA ns1 hostmaster 1 3600 600 1209600 60
@ IN NS ns1
ns1 IN A 192.0.2.1
a.b IN A 192.0.2.2
*.w IN A 192.0.2.3
del IN NS ns.del
ns.del IN A 192.0.2.4
)";

struct Case {
  const char* name;
  uint16_t qtype;
  MatchKind kind;
  const char* node;  // expected node name
};

TEST(Locate, Table) {
  auto set = testing::zones_from_text({{"example.com.", kZone}});
  const zone::Zone& z = *set->zones().front().zone;
  const Case cases[] = {
      {"ns1.example.com.", dns::type::A, MatchKind::kExact, "ns1.example.com."},
      {"b.example.com.", dns::type::A, MatchKind::kExact, "b.example.com."},  // empty non-terminal
      {"x.b.example.com.", dns::type::A, MatchKind::kNxDomain, "b.example.com."},
      {"q.w.example.com.", dns::type::A, MatchKind::kWildcard, "*.w.example.com."},
      {"r.q.w.example.com.", dns::type::A, MatchKind::kWildcard, "*.w.example.com."},
      {"del.example.com.", dns::type::A, MatchKind::kReferral, "del.example.com."},
      {"del.example.com.", dns::type::DS, MatchKind::kExact, "del.example.com."},
      {"ns.del.example.com.", dns::type::A, MatchKind::kReferral, "del.example.com."},
      {"x.y.del.example.com.", dns::type::DS, MatchKind::kReferral, "del.example.com."},
      {"nope.example.com.", dns::type::A, MatchKind::kNxDomain, "example.com."},
  };
  for (const Case& c : cases) {
    Match m = locate(z, *dns::from_text(c.name), c.qtype);
    EXPECT_EQ(static_cast<int>(m.kind), static_cast<int>(c.kind)) << c.name;
    EXPECT_EQ(dns::to_text(z.name(z.node(m.node))), c.node) << c.name;
  }
}

}  // namespace
}  // namespace flipdns::query
