#include "zones/static_zone.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"
#include "zones/test_files.h"
#include "zones/validator.h"
#include "zones/yaml_loader.h"

namespace flipdns::zones {
namespace {

using testing::TempDir;

std::string wire(const char* text) {
  return *dns::from_text(text);
}

std::vector<std::string> rdatas(const zone::Zone& z, const char* owner, uint16_t type) {
  std::vector<std::string> out;
  uint32_t n = z.find(wire(owner));
  if (n == zone::kNone) return out;
  const zone::RRset* set = z.rrset(z.node(n), type);
  if (set == nullptr) return out;
  z.for_each_rdata(*set, [&](std::string_view r) { out.emplace_back(r); });
  return out;
}

// example.com.yaml holding `yaml`, beside an include of one A record, loaded.
ZoneConfig load_with_include(std::string_view yaml, ConfigErrors& errors) {
  TempDir dir;
  dir.write("example.com.zone", "extra 120 IN A 192.0.2.77\n");
  return load_zone_file(dir.write("example.com.yaml", yaml), errors, "example.com.yaml");
}

TEST(StaticZone, HoldsSoaNsAndStaticRecordsButNotGroups) {
  ConfigErrors errors;
  ZoneConfig cfg = load_with_include(
      "zone: example.com.\n"
      "ttl: 300\n"
      "soa: { mname: ns1, rname: hostmaster, serial: 42, refresh: 1, retry: 2,\n"
      "       expire: 3, minimum: 4 }\n"
      "ns: [ns1, ns2.example.net.]\n"
      "include: example.com.zone\n"
      "records:\n"
      "  - { name: ns1, type: A, value: 192.0.2.53 }\n"
      "  - { name: www, type: CNAME, value: app }\n"
      "groups:\n"
      "  app:\n"
      "    check: { type: http }\n"
      "    pools: [{ name: p, members: [192.0.2.1] }]\n",
      errors);
  validate_zone(cfg, errors);
  ASSERT_THAT(testing::strings(errors), ::testing::ElementsAre());

  auto z = static_zone_builder(cfg).build();
  ASSERT_TRUE(z);
  EXPECT_EQ(z->origin(), wire("example.com."));
  EXPECT_EQ(z->serial(), 42u);
  const zone::RRset* soa = z->rrset(z->node(z->apex()), dns::type::SOA);
  ASSERT_NE(soa, nullptr);
  EXPECT_EQ(soa->ttl, 300u);
  EXPECT_THAT(rdatas(*z, "example.com.", dns::type::SOA),
              ::testing::ElementsAre(
                  wire("ns1.example.com.") + wire("hostmaster.example.com.") +
                  std::string("\0\0\0\x2a\0\0\0\x01\0\0\0\x02\0\0\0\x03\0\0\0\x04", 20)));
  EXPECT_THAT(rdatas(*z, "example.com.", dns::type::NS),
              ::testing::ElementsAre(wire("ns1.example.com."), wire("ns2.example.net.")));
  EXPECT_THAT(rdatas(*z, "www.example.com.", dns::type::CNAME),
              ::testing::ElementsAre(wire("app.example.com.")));
  EXPECT_THAT(rdatas(*z, "extra.example.com.", dns::type::A),
              ::testing::ElementsAre(std::string("\xc0\x00\x02\x4d", 4)));
  EXPECT_EQ(z->find(wire("app.example.com.")), zone::kNone);

  ZoneConfig taken = cfg;
  auto same = take_static_zone_builder(taken).build();
  EXPECT_EQ(same->digest(), z->digest());
  EXPECT_TRUE(taken.records.empty());
  EXPECT_EQ(taken.taken_records.size(), cfg.records.size());
}

// The server frees records as it builds; an error the builder finds is still
// placed at its record's column.
TEST(StaticZone, TakenRecordsKeepTheirPlacesForErrors) {
  ConfigErrors errors;
  ZoneConfig cfg = load_with_include(
      "zone: example.com.\n"
      "soa: { mname: ns1, rname: hostmaster }\n"
      "ns: [ns1.example.net.]\n"
      "include: example.com.zone\n",
      errors);
  ASSERT_THAT(testing::strings(errors), ::testing::ElementsAre());
  cfg.records.push_back(
      testing::yaml_record_at_line_9(cfg.origin.value, 16, std::string(70000, 'x')));
  try {
    take_static_zone_builder(cfg);
    FAIL() << "the builder took a 70000-octet rdata";
  } catch (const zone::ZoneError& e) {
    EXPECT_EQ(build_error(cfg, e).to_string(), "example.com.yaml:9:5: rdata too long");
  }
}

}  // namespace
}  // namespace flipdns::zones
