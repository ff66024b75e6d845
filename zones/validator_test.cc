// Zone-level validation errors: one test per kind, each asserting the whole
// message and its line and column. Group errors are in group_validator_test.cc.
#include "zones/validator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "zones/test_files.h"
#include "zones/yaml_loader.h"

namespace flipdns::zones {
namespace {

using ::testing::ElementsAre;
using testing::kHead;
using testing::lint_yaml;
using testing::TempDir;

std::string with_head(std::string_view body) {
  return std::string(kHead) + std::string(body);
}

TEST(Validator, AcceptsAGoodZone) {
  EXPECT_THAT(lint_yaml(with_head("records:\n"
                                  "  - { name: www, type: CNAME, value: app }\n"
                                  "  - { name: dev, type: NS, value: ns1.dev }\n"
                                  "  - { name: ns1.dev, type: A, value: 192.0.2.1 }\n"
                                  "  - { name: \"@\", type: MX, value: 10 mail }\n"
                                  "  - { name: \"@\", type: TXT, value: '\"v=spf1 -all\"' }\n"
                                  "  - { name: txt, type: TXT, value: a }\n"
                                  "  - { name: txt, type: TXT, value: b }\n"
                                  "groups:\n"
                                  "  app:\n"
                                  "    check: { type: http }\n"
                                  "    pools: [{ name: p, members: [192.0.2.1] }]\n"
                                  "  \"@\":\n"
                                  "    check: { type: http }\n"
                                  "    pools: [{ name: p, members: [192.0.2.1] }]\n")),
              ElementsAre());
}

TEST(Validator, ZoneNameMustMatchTheFileName) {
  EXPECT_THAT(
      lint_yaml(kHead, "zones/example.org.yaml"),
      ElementsAre("zones/example.org.yaml:1:7: zone example.com. does not match the file name "
                  "example.org.yaml (expected example.com.yaml)"));
  EXPECT_THAT(lint_yaml(kHead, "zones/Example.COM.yaml"), ElementsAre());
}

TEST(Validator, OneZoneInTwoFiles) {
  ConfigErrors errors;
  std::vector<ZoneConfig> zones;
  zones.push_back(parse_zone_yaml(kHead, "z/EXAMPLE.com.yaml", ".", errors));
  zones.push_back(
      parse_zone_yaml(std::string("\n") + std::string(kHead), "z/example.com.yaml", ".", errors));
  validate_zone_set(zones, errors);
  EXPECT_THAT(testing::strings(errors),
              ElementsAre("z/example.com.yaml:2:7: zone example.com. is also defined in "
                          "z/EXAMPLE.com.yaml (line 1, column 7)"));
}

TEST(Validator, TtlsAndSoaTimersOutOfRange) {
  EXPECT_THAT(
      lint_yaml("zone: example.com.\n"
                "ttl: -1\n"
                "soa: { mname: a.example.net., rname: b.example.net., serial: 4294967296,\n"
                "       refresh: -5, retry: 2147483648, expire: 2147483648, minimum: 86401 }\n"
                "ns: [ns1.example.net.]\n"
                "records:\n"
                "  - { name: a, type: A, value: 192.0.2.1, ttl: 2147483648 }\n"),
      ElementsAre(
          "example.com.yaml:2:6: ttl: -1 is out of range (0 to 2147483647 seconds)",
          "example.com.yaml:3:62: serial: 4294967296 is out of range (0 to 4294967295)",
          "example.com.yaml:4:17: refresh: -5 is out of range (0 to 2147483647 seconds)",
          "example.com.yaml:4:28: retry: 2147483648 is out of range (0 to 2147483647 seconds)",
          "example.com.yaml:4:48: expire: 2147483648 is out of range (0 to 2147483647 seconds)",
          "example.com.yaml:4:69: minimum: 86401 is out of range (0 to 86400 seconds)",
          "example.com.yaml:7:48: ttl: 2147483648 is out of range (0 to 2147483647 seconds)"));
}

TEST(Validator, NameServersMissingEmptyOrDuplicated) {
  EXPECT_THAT(lint_yaml("zone: example.com.\n"
                        "soa: { mname: a.example.net., rname: b.example.net. }\n"),
              ElementsAre("example.com.yaml:1:1: ns: a zone needs at least one name server"));
  EXPECT_THAT(lint_yaml("zone: example.com.\n"
                        "soa: { mname: a.example.net., rname: b.example.net. }\n"
                        "ns: []\n"),
              ElementsAre("example.com.yaml:3:5: ns: a zone needs at least one name server"));
  EXPECT_THAT(
      lint_yaml("zone: example.com.\n"
                "soa: { mname: a.example.net., rname: b.example.net. }\n"
                "ns: [ns1.example.net., NS1.example.net.]\n"),
      ElementsAre("example.com.yaml:3:24: duplicate name server ns1.example.net. (first at line "
                  "3, column 6)"));
}

TEST(Validator, NameServerInsideTheZoneNeedsAnAddress) {
  EXPECT_THAT(
      lint_yaml("zone: example.com.\n"
                "soa: { mname: ns1, rname: hostmaster }\n"
                "ns: [ns1, ns2, ns3]\n"
                "records:\n"
                "  - { name: ns1, type: AAAA, value: \"2001:db8::53\" }\n"
                "  - { name: ns2, type: TXT, value: x }\n"
                "groups:\n"
                "  ns3:\n"
                "    check: { type: tcp, port: 53 }\n"
                "    pools: [{ name: p, members: [192.0.2.53] }]\n"),
      ElementsAre("example.com.yaml:3:11: name server ns2.example.com. is inside the zone but "
                  "has no A or AAAA record"));
}

TEST(Validator, RecordOwnerOutsideTheZone) {
  EXPECT_THAT(
      lint_yaml(with_head("records:\n"
                          "  - { name: www.example.org., type: A, value: 192.0.2.1 }\n"
                          "  - { name: example.com.example.net., type: A, value: 192.0.2.1 }\n")),
      ElementsAre("example.com.yaml:5:13: owner www.example.org. is outside the zone example.com.",
                  "example.com.yaml:6:13: owner example.com.example.net. is outside the zone "
                  "example.com."));
}

TEST(Validator, IncludeRecordOwnerOutsideTheZone) {
  TempDir dir;
  dir.write("example.com.zone", "ok IN A 192.0.2.1\nwww.example.org. IN A 192.0.2.2\n");
  auto path = dir.write("example.com.yaml", with_head("include: example.com.zone\n"));
  ConfigErrors errors;
  ZoneConfig z = load_zone_file(path, errors, "example.com.yaml");
  validate_zone(z, errors);
  EXPECT_THAT(testing::strings(errors),
              ElementsAre((dir.path() / "example.com.zone").string() +
                          ":2:1: owner www.example.org. is outside the zone example.com."));
}

TEST(Validator, SoaAndApexNsComeFromTheirKeys) {
  EXPECT_THAT(
      lint_yaml(with_head("records:\n"
                          "  - { name: \"@\", type: SOA, value: a. b. 1 2 3 4 5 }\n"
                          "  - { name: \"@\", type: NS, value: ns3.example.net. }\n"
                          "  - { name: sub, type: NS, value: ns3.example.net. }\n")),
      ElementsAre("example.com.yaml:5:24: SOA records come from the zone's soa key",
                  "example.com.yaml:6:24: NS records at the apex come from the zone's ns key"));
}

TEST(Validator, CnameAtTheApex) {
  EXPECT_THAT(
      lint_yaml(with_head("records:\n"
                          "  - { name: \"@\", type: CNAME, value: www.example.net. }\n")),
      ElementsAre("example.com.yaml:5:24: CNAME at the zone apex, which holds the SOA and NS "
                  "records"));
}

TEST(Validator, MoreThanOneCname) {
  EXPECT_THAT(
      lint_yaml(with_head("records:\n"
                          "  - { name: www, type: CNAME, value: app }\n"
                          "  - { name: www, type: CNAME, value: web }\n")),
      ElementsAre("example.com.yaml:6:24: more than one CNAME at www.example.com. (first at line "
                  "5, column 5)"));
}

TEST(Validator, CnameBesideOtherData) {
  EXPECT_THAT(
      lint_yaml(with_head("records:\n"
                          "  - { name: www, type: TXT, value: hello }\n"
                          "  - { name: www, type: CNAME, value: app }\n"
                          "  - { name: www, type: MX, value: 10 mail }\n")),
      ElementsAre("example.com.yaml:6:24: CNAME at www.example.com. beside other data (TXT at "
                  "line 5, column 5)"));
}

TEST(Validator, CnameBesideDataFromTheIncludeFile) {
  TempDir dir;
  dir.write("example.com.zone", "\nwww IN TXT hello\n");
  auto path =
      dir.write("example.com.yaml", with_head("include: example.com.zone\n"
                                              "records:\n"
                                              "  - { name: www, type: CNAME, value: app }\n"));
  ConfigErrors errors;
  ZoneConfig z = load_zone_file(path, errors, "example.com.yaml");
  validate_zone(z, errors);
  EXPECT_THAT(
      testing::strings(errors),
      ElementsAre("example.com.yaml:6:24: CNAME at www.example.com. beside other data (TXT at " +
                  (dir.path() / "example.com.zone").string() + " line 2, column 1)"));
}

TEST(Validator, DuplicateRecord) {
  EXPECT_THAT(
      lint_yaml(with_head("records:\n"
                          "  - { name: a, type: A, value: 192.0.2.1 }\n"
                          "  - { name: A.example.com., type: A, value: 192.0.2.1 }\n")),
      ElementsAre("example.com.yaml:6:5: duplicate record A at a.example.com. (first at line 5, "
                  "column 5)"));
}

TEST(Validator, RecordsOfOneRRsetWithDifferentTtls) {
  EXPECT_THAT(
      lint_yaml(with_head("records:\n"
                          "  - { name: a, type: A, value: 192.0.2.1 }\n"
                          "  - { name: a, type: A, value: 192.0.2.2, ttl: 60 }\n")),
      ElementsAre("example.com.yaml:6:48: ttl: 60 differs from ttl 3600 of the same A RRset at "
                  "line 5, column 5; an RRset has one TTL"));
}

// Records reach the validator from YAML (the loader refuses meta types) or
// from code; either way they are checked.
TEST(Validator, MetaTypeRecord) {
  ZoneConfig z;
  ASSERT_THAT(lint_yaml(kHead, z), ElementsAre());
  z.records.push_back(testing::yaml_record_at_line_9(z.origin.value, 255));
  ConfigErrors errors;
  validate_zone(z, errors);
  EXPECT_THAT(testing::strings(errors),
              ElementsAre("example.com.yaml:9:12: type ANY cannot appear in a zone"));
}

// What only the server's zone builder refuses is reported too, at the record.
TEST(Validator, ReportsWhatTheZoneBuilderRefuses) {
  ZoneConfig z;
  ASSERT_THAT(lint_yaml(kHead, z), ElementsAre());
  z.records.push_back(testing::yaml_record_at_line_9(z.origin.value, 16, std::string(70000, 'x')));
  ConfigErrors errors;
  validate_zone(z, errors);
  EXPECT_THAT(testing::strings(errors), ElementsAre("example.com.yaml:9:5: rdata too long"));
}

TEST(Validator, ReportsEveryErrorNotJustTheFirst) {
  auto errors = lint_yaml(
      "zone: example.com.\n"
      "ttl: -1\n"
      "soa: { mname: a.example.net., rname: b.example.net., minimum: 90000 }\n"
      "ns: [ns1.example.net.]\n"
      "records:\n"
      "  - { name: www, type: CNAME, value: app }\n"
      "  - { name: www, type: A, value: 192.0.2.1 }\n"
      "groups:\n"
      "  app:\n"
      "    ttl: 0\n"
      "    check: { type: http, port: 0 }\n"
      "    pools: []\n");
  EXPECT_THAT(
      errors,
      ElementsAre("example.com.yaml:2:6: ttl: -1 is out of range (0 to 2147483647 seconds)",
                  "example.com.yaml:3:63: minimum: 90000 is out of range (0 to 86400 seconds)",
                  "example.com.yaml:6:24: CNAME at www.example.com. beside other data (A at "
                  "line 7, column 5)",
                  "example.com.yaml:10:10: ttl: 0 is out of range (1 to 3600 seconds)",
                  "example.com.yaml:11:32: port: 0 is out of range (1 to 65535)",
                  "example.com.yaml:12:12: group app.example.com. has no pools"));
}

}  // namespace
}  // namespace flipdns::zones
