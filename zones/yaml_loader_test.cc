#include "zones/yaml_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"
#include "zones/test_files.h"

namespace flipdns::zones {
namespace {

using ::testing::ElementsAre;
using testing::kHead;
using testing::lint_yaml;
using testing::TempDir;
using namespace std::chrono_literals;

std::string wire(const char* text) {
  return *dns::from_text(text);
}

// A group every test below can append to its own lines: lines 4 to 8.
constexpr std::string_view kGroup =
    "groups:\n"
    "  app:\n"
    "    check: { type: http }\n"
    "    pools:\n"
    "      - { name: primary, members: [192.0.2.1] }\n";

std::string with_head(std::string_view body) {
  return std::string(kHead) + std::string(body);
}

TEST(YamlLoader, ReadsACompleteZone) {
  TempDir dir;
  dir.write("example.com.zone", "extra IN TXT \"from the include\"\n");
  auto path = dir.write("example.com.yaml", R"(zone: Example.COM
ttl: 5m
soa: { mname: ns1, rname: hostmaster.example.com., serial: 7, refresh: 2h, retry: 600,
       expire: 1209600, minimum: 30 }
ns: [ns1, ns2.example.net.]
include: example.com.zone
records:
  - { name: ns1, type: A, value: 192.0.2.53 }
  - { name: "@", type: MX, value: 10 mail, ttl: 60 }
groups:
  app:
    ttl: 20
    check: { type: https, port: 8443, path: /healthz, host: app.example.com, expect: [200, 204],
             body: ok, tls_verify: false, interval: 1s, timeout: 300ms, rise: 4, fall: 5 }
    policy: { hold_down: 0s, failback: { mode: auto, after: 90s }, manual_pools: [standby] }
    pools:
      - { name: primary, min_healthy: 2, members: [192.0.2.10, 192.0.2.11, "2001:db8::10"] }
      - { name: standby, members: [198.51.100.10] }
  mail:
    check: { type: tcp, port: 25 }
    policy: { failback: auto }
    pools:
      - { name: primary, members: [192.0.2.25] }
)");
  ConfigErrors errors;
  ZoneConfig z = load_zone_file(path, errors, "example.com.yaml");
  EXPECT_THAT(testing::strings(errors), ElementsAre());
  EXPECT_EQ(z.file, "example.com.yaml");
  EXPECT_EQ(z.origin.value, wire("example.com."));
  EXPECT_EQ(z.origin.at.line, 1);
  EXPECT_EQ(z.origin.at.column, 7);
  EXPECT_EQ(z.name, "example.com.");
  EXPECT_EQ(z.ttl.value, 300);
  EXPECT_EQ(z.soa.mname.value, wire("ns1.example.com."));
  EXPECT_EQ(z.soa.rname.value, wire("hostmaster.example.com."));
  EXPECT_EQ(z.soa.serial.value, 7);
  EXPECT_EQ(z.soa.refresh.value, 7200);
  EXPECT_EQ(z.soa.retry.value, 600);
  EXPECT_EQ(z.soa.expire.value, 1209600);
  EXPECT_EQ(z.soa.minimum.value, 30);
  ASSERT_EQ(z.ns.size(), 2u);
  EXPECT_EQ(z.ns[0].value, wire("ns1.example.com."));
  EXPECT_EQ(z.ns[1].value, wire("ns2.example.net."));
  EXPECT_EQ(z.include_path, dir.path() / "example.com.zone");

  ASSERT_EQ(z.records.size(), 3u);
  EXPECT_EQ(z.records[0].owner.value, wire("ns1.example.com."));
  EXPECT_EQ(z.records[0].ttl.value, 300);  // the zone's
  EXPECT_EQ(z.records[0].at.line, 8);
  EXPECT_EQ(z.records[0].at.column, 5);
  EXPECT_EQ(z.records[1].owner.value, wire("example.com."));
  EXPECT_EQ(z.records[1].type.value, dns::type::MX);
  EXPECT_EQ(z.records[1].ttl.value, 60);
  EXPECT_EQ(z.records[1].rdata, std::string("\0\x0a", 2) + wire("mail.example.com."));
  EXPECT_TRUE(z.records[2].from_include);
  EXPECT_EQ(z.records[2].ttl.value, 300);

  ASSERT_EQ(z.groups.size(), 2u);
  const Group& app = z.groups[0];
  EXPECT_EQ(app.name, "app.example.com.");
  EXPECT_EQ(app.owner.value, wire("app.example.com."));
  EXPECT_EQ(app.owner.at.line, 11);
  EXPECT_EQ(app.owner.at.column, 3);
  EXPECT_EQ(app.ttl.value, 20);
  EXPECT_TRUE(app.check.given);
  EXPECT_EQ(app.check.type.value, CheckType::kHttps);
  EXPECT_EQ(app.check.port.value, 8443);
  EXPECT_EQ(app.check.path.value, "/healthz");
  EXPECT_EQ(app.check.host.value, "app.example.com");
  ASSERT_EQ(app.check.expect.value.size(), 2u);
  EXPECT_EQ(app.check.expect.value[1].value, 204);
  EXPECT_EQ(app.check.body.value, "ok");
  EXPECT_FALSE(app.check.tls_verify.value);
  EXPECT_EQ(app.check.interval.value, 1s);
  EXPECT_EQ(app.check.timeout.value, 300ms);
  EXPECT_EQ(app.check.rise.value, 4);
  EXPECT_EQ(app.check.fall.value, 5);
  EXPECT_EQ(app.policy.hold_down.value, 0s);
  EXPECT_EQ(app.policy.failback.value, Failback::kAuto);
  EXPECT_EQ(app.policy.failback_after.value, 90s);
  ASSERT_EQ(app.policy.manual_pools.size(), 1u);
  EXPECT_EQ(app.policy.manual_pools[0].value, "standby");
  ASSERT_EQ(app.pools.size(), 2u);
  EXPECT_EQ(app.pools[0].name.value, "primary");
  EXPECT_EQ(app.pools[0].min_healthy.value, 2);
  ASSERT_EQ(app.pools[0].members.size(), 3u);
  EXPECT_EQ(app.pools[0].members[2].address.to_string(), "2001:db8::10");
  EXPECT_EQ(app.pools[0].members[2].at.line, 17);
  EXPECT_EQ(app.pools[1].min_healthy.value, 1);

  const Group& mail = z.groups[1];
  EXPECT_EQ(mail.ttl.value, 30);
  EXPECT_EQ(mail.check.type.value, CheckType::kTcp);
  EXPECT_EQ(mail.check.port.value, 25);
  EXPECT_EQ(mail.check.interval.value, 2s);
  EXPECT_EQ(mail.check.timeout.value, 1s);
  EXPECT_EQ(mail.check.rise.value, 2);
  EXPECT_EQ(mail.check.fall.value, 3);
  EXPECT_EQ(mail.policy.hold_down.value, 60s);
  EXPECT_EQ(mail.policy.failback.value, Failback::kAuto);
  EXPECT_EQ(mail.policy.failback_after.value, 5min);
}

TEST(YamlLoader, DefaultsWhatIsLeftOut) {
  ZoneConfig z;
  EXPECT_THAT(lint_yaml(with_head(kGroup), z), ElementsAre());
  EXPECT_EQ(z.ttl.value, 3600);
  EXPECT_EQ(z.soa.serial.value, 1);
  EXPECT_EQ(z.soa.refresh.value, 3600);
  EXPECT_EQ(z.soa.retry.value, 600);
  EXPECT_EQ(z.soa.expire.value, 1209600);
  EXPECT_EQ(z.soa.minimum.value, 60);
  ASSERT_EQ(z.groups.size(), 1u);
  const Check& c = z.groups[0].check;
  EXPECT_EQ(c.port.value, 80);
  EXPECT_EQ(c.method.value, "GET");
  EXPECT_EQ(c.path.value, "/");
  EXPECT_EQ(c.host.value, "");
  ASSERT_EQ(c.expect.value.size(), 1u);
  EXPECT_EQ(c.expect.value[0].value, 200);
  EXPECT_TRUE(c.tls_verify.value);
  EXPECT_EQ(z.groups[0].policy.failback.value, Failback::kManual);
  EXPECT_TRUE(z.groups[0].policy.manual_pools.empty());
}

TEST(YamlLoader, HttpsDefaultsToPort443AndAnExpectScalarIsOneStatus) {
  ZoneConfig z;
  EXPECT_THAT(lint_yaml(with_head("groups:\n"
                                  "  app:\n"
                                  "    check: { type: https, expect: 301 }\n"
                                  "    pools: [{ name: p, members: [192.0.2.1] }]\n"),
                        z),
              ElementsAre());
  EXPECT_EQ(z.groups[0].check.port.value, 443);
  EXPECT_EQ(z.groups[0].check.expect.value[0].value, 301);
}

TEST(YamlLoader, ReportsYamlSyntaxWithPosition) {
  EXPECT_THAT(lint_yaml("zone: example.com.\nns: [a, b\nsoa: {}\n"),
              ElementsAre("example.com.yaml:3:4: YAML syntax: end of sequence flow not found"));
}

TEST(YamlLoader, ReportsAnEmptyFileAndASecondDocument) {
  EXPECT_THAT(
      lint_yaml("# nothing\n"),
      ElementsAre("example.com.yaml: the file is empty; expected a zone (zones/README.md)"));
  EXPECT_THAT(
      lint_yaml(with_head("---\nzone: example.org.\n")),
      ElementsAre("example.com.yaml:5:1: a zone file holds one YAML document; found another"));
}

TEST(YamlLoader, ReportsARootThatIsNotAMapping) {
  EXPECT_THAT(lint_yaml("- zone: example.com.\n"),
              ElementsAre("example.com.yaml:1:1: zone file: expected a mapping, found a list"));
}

TEST(YamlLoader, ReportsUnknownKeysEverywhere) {
  EXPECT_THAT(
      lint_yaml(with_head("tll: 300\n"
                          "records:\n"
                          "  - { name: a, type: A, value: 192.0.2.1, tll: 5 }\n"
                          "groups:\n"
                          "  app:\n"
                          "    checks: {}\n"
                          "    check: { type: http, intervall: 1s }\n"
                          "    policy: { holddown: 1s, failback: { mode: auto, afterr: 1m } }\n"
                          "    pools:\n"
                          "      - { name: primary, members: [192.0.2.1], min_heathy: 1 }\n")),
      ElementsAre(
          "example.com.yaml:4:1: unknown key \"tll\" in zone file (expected one of: zone, ttl, "
          "soa, ns, include, records, groups)",
          "example.com.yaml:6:43: unknown key \"tll\" in record (expected one of: name, type, "
          "value, ttl)",
          "example.com.yaml:9:5: unknown key \"checks\" in group (expected one of: ttl, check, "
          "policy, pools)",
          "example.com.yaml:10:26: unknown key \"intervall\" in check (expected one of: type, "
          "port, method, path, host, expect, body, tls_verify, interval, timeout, rise, fall)",
          "example.com.yaml:11:15: unknown key \"holddown\" in policy (expected one of: "
          "hold_down, failback, manual_pools)",
          "example.com.yaml:11:53: unknown key \"afterr\" in failback (expected one of: mode, "
          "after)",
          "example.com.yaml:13:48: unknown key \"min_heathy\" in pool (expected one of: name, "
          "min_healthy, members)"));
  EXPECT_THAT(
      lint_yaml(with_head("soa2: 1\n")),
      ElementsAre("example.com.yaml:4:1: unknown key \"soa2\" in zone file (expected one of: "
                  "zone, ttl, soa, ns, include, records, groups)"));
  EXPECT_THAT(lint_yaml("zone: example.com.\n"
                        "soa: { mname: ns1.example.net., rname: h.example.net., minimun: 5 }\n"
                        "ns: [ns1.example.net.]\n"),
              ElementsAre("example.com.yaml:2:56: unknown key \"minimun\" in soa (expected one of: "
                          "mname, rname, serial, refresh, retry, expire, minimum)"));
}

TEST(YamlLoader, ReportsARepeatedKey) {
  EXPECT_THAT(
      lint_yaml(with_head("ttl: 300\nttl: 60\n")),
      ElementsAre("example.com.yaml:5:1: duplicate key \"ttl\" (first at line 4, column 1)"));
}

TEST(YamlLoader, ReportsMissingRequiredKeys) {
  EXPECT_THAT(lint_yaml("ttl: 60\n"),
              ElementsAre("example.com.yaml:1:1: zone file: missing required key \"zone\"",
                          "example.com.yaml:1:1: zone file: missing required key \"soa\"",
                          "example.com.yaml:1:1: ns: a zone needs at least one name server"));
  EXPECT_THAT(lint_yaml("zone: example.com.\n"
                        "soa: { rname: h.example.net. }\n"
                        "ns: [ns1.example.net.]\n"
                        "records:\n"
                        "  - { name: a, value: 192.0.2.1 }\n"
                        "groups:\n"
                        "  app:\n"
                        "    pools: [{ members: [192.0.2.1] }]\n"
                        "  api:\n"
                        "    check: { port: 80 }\n"
                        "    pools: [{ name: p, members: [192.0.2.1] }]\n"),
              ElementsAre("example.com.yaml:2:6: soa: missing required key \"mname\"",
                          "example.com.yaml:5:5: record: missing required key \"type\"",
                          "example.com.yaml:8:5: group: missing required key \"check\"",
                          "example.com.yaml:8:13: pool: missing required key \"name\"",
                          "example.com.yaml:10:12: check: missing required key \"type\""));
}

TEST(YamlLoader, ReportsValuesOfTheWrongKind) {
  EXPECT_THAT(
      lint_yaml("zone: example.com.\n"
                "soa: [mname]\n"
                "ns: ns1.example.net.\n"
                "records: { name: a }\n"
                "groups: [app]\n"),
      ElementsAre("example.com.yaml:2:6: soa: expected a mapping, found a list",
                  "example.com.yaml:3:5: ns: expected a list, found a value",
                  "example.com.yaml:4:10: records: expected a list, found a mapping",
                  "example.com.yaml:5:9: groups: expected a mapping of owner names to groups, "
                  "found a list"));
  EXPECT_THAT(lint_yaml(with_head("groups:\n"
                                  "  app: 5\n"
                                  "  api:\n"
                                  "  web:\n"
                                  "    check: { type: http }\n"
                                  "    pools:\n"
                                  "      - { name: [p], members: 192.0.2.1 }\n")),
              ElementsAre("example.com.yaml:5:8: group: expected a mapping, found a value",
                          "example.com.yaml:6:3: group: expected a mapping, found nothing",
                          "example.com.yaml:10:17: name: expected a value, found a list",
                          "example.com.yaml:10:31: members: expected a list, found a value"));
}

TEST(YamlLoader, ReportsKeysThatAreNotNamesAndValuesLeftOut) {
  EXPECT_THAT(lint_yaml(with_head("[ttl]: 300\n"
                                  "groups:\n"
                                  "  app:\n"
                                  "    ttl:\n"
                                  "    check: { type: http }\n"
                                  "    policy: { failback: { mode: } }\n"
                                  "    pools: [{ name: p, members: [192.0.2.1] }]\n")),
              ElementsAre("example.com.yaml:4:1: keys must be plain names, found a list",
                          "example.com.yaml:7:5: ttl: missing value",
                          "example.com.yaml:9:27: mode: missing value"));
}

TEST(YamlLoader, ReportsAZoneNameThatIsNotAName) {
  EXPECT_THAT(lint_yaml("zone: exa..mple.com\nsoa: { mname: a., rname: b. }\nns: [a.]\n"),
              ElementsAre("example.com.yaml:1:7: zone: \"exa..mple.com\" is not a domain name"));
}

TEST(YamlLoader, ReportsNumbersAndDurationsThatDoNotRead) {
  EXPECT_THAT(
      lint_yaml(
          with_head("ttl: ten\n"
                    "records:\n"
                    "  - { name: a, type: A, value: 192.0.2.1, ttl: 1500ms }\n"
                    "groups:\n"
                    "  app:\n"
                    "    ttl: 30x\n"
                    "    check: { type: http, port: http, interval: 1, timeout: soon, rise: two,\n"
                    "             fall: 1.5, expect: [ok], tls_verify: maybe }\n"
                    "    policy: { hold_down: 1 minute }\n"
                    "    pools:\n"
                    "      - { name: primary, min_healthy: all, members: [192.0.2.1] }\n")),
      ElementsAre(
          "example.com.yaml:4:6: ttl: \"ten\" is not a number of seconds (write 300 or 5m)",
          "example.com.yaml:6:48: ttl: \"1500ms\" is not a whole number of seconds",
          "example.com.yaml:9:10: ttl: \"30x\" is not a number of seconds (write 300 or 5m)",
          "example.com.yaml:10:32: port: \"http\" is not a whole number",
          "example.com.yaml:10:48: interval: \"1\" is not a duration (write e.g. 500ms, 2s, 10m, "
          "1h)",
          "example.com.yaml:10:60: timeout: \"soon\" is not a duration (write e.g. 500ms, 2s, 10m, "
          "1h)",
          "example.com.yaml:10:72: rise: \"two\" is not a whole number",
          "example.com.yaml:11:20: fall: \"1.5\" is not a whole number",
          "example.com.yaml:11:34: expect: \"ok\" is not a whole number",
          "example.com.yaml:11:39: tls_verify: only https checks use it",
          "example.com.yaml:11:51: tls_verify: \"maybe\" is not true or false",
          "example.com.yaml:12:26: hold_down: \"1 minute\" is not a duration (write e.g. 500ms, "
          "2s, 10m, "
          "1h)",
          "example.com.yaml:14:39: min_healthy: \"all\" is not a whole number"));
}

TEST(YamlLoader, ReportsRecordsThatDoNotRead) {
  EXPECT_THAT(
      lint_yaml(with_head("records:\n"
                          "  - { name: a, type: AAA, value: 192.0.2.1 }\n"
                          "  - { name: a, type: ANY, value: 192.0.2.1 }\n"
                          "  - { name: a, type: A, value: 192.0.2 }\n"
                          "  - { name: a..b, type: A, value: 192.0.2.1 }\n"
                          "  - { name: b, type: MX, value: mail }\n")),
      ElementsAre(
          "example.com.yaml:5:22: type: unknown record type \"AAA\"",
          "example.com.yaml:6:22: type: ANY is not a record type a zone can hold",
          "example.com.yaml:7:32: value: \"192.0.2\" is not valid A data (Syntax error, could "
          "not parse the RR's rdata)",
          "example.com.yaml:8:13: name: \"a..b\" is not a domain name",
          "example.com.yaml:9:33: value: \"mail\" is not valid MX data (Syntax error, could not "
          "parse the RR's rdata)"));
}

TEST(YamlLoader, ReportsIncludePathsOutsideTheDirectoryAndMissingFiles) {
  EXPECT_THAT(
      lint_yaml(with_head("include: ../secrets.zone\n")),
      ElementsAre("example.com.yaml:4:10: include: \"../secrets.zone\" must be a relative path "
                  "inside the zones directory (no \"..\")"));
  EXPECT_THAT(lint_yaml(with_head("include: /etc/passwd\n")),
              ElementsAre("example.com.yaml:4:10: include: \"/etc/passwd\" must be a relative path "
                          "inside the zones directory (no \"..\")"));
  EXPECT_THAT(lint_yaml(with_head("include: missing.zone\n")),
              ElementsAre("example.com.yaml:4:10: include: cannot read \"./missing.zone\""));
}

TEST(YamlLoader, ReportsIncludeFileErrorsInThatFile) {
  TempDir dir;
  dir.write("example.com.zone", "ok IN A 192.0.2.1\nbad IN A 192.0.2\n");
  auto path = dir.write("example.com.yaml", with_head("include: example.com.zone\n"));
  ConfigErrors errors;
  load_zone_file(path, errors, "example.com.yaml");
  EXPECT_THAT(testing::strings(errors),
              ElementsAre((dir.path() / "example.com.zone").string() +
                          ":2:1: Syntax error, could not parse the RR's rdata"));
}

TEST(YamlLoader, ReadsTheCheckMethod) {
  ZoneConfig z;
  EXPECT_THAT(lint_yaml(with_head("groups:\n"
                                  "  app:\n"
                                  "    check: { type: http, method: HEAD }\n"
                                  "    pools: [{ name: p, members: [192.0.2.1] }]\n"),
                        z),
              ElementsAre());
  ASSERT_EQ(z.groups.size(), 1u);
  EXPECT_EQ(z.groups[0].check.method.value, "HEAD");
  EXPECT_EQ(z.groups[0].check.method.at.line, 6);
  EXPECT_EQ(z.groups[0].check.method.at.column, 34);
}

TEST(YamlLoader, RefusesAMethodOnATcpCheck) {
  EXPECT_THAT(lint_yaml(with_head("groups:\n"
                                  "  mail:\n"
                                  "    check: { type: tcp, port: 25, method: GET }\n"
                                  "    pools: [{ name: p, members: [192.0.2.1] }]\n")),
              ElementsAre("example.com.yaml:6:35: method: only http and https checks use it"));
}

TEST(YamlLoader, ReportsBadCheckTypesAndKeysThatDoNotFitTheType) {
  EXPECT_THAT(
      lint_yaml(with_head("groups:\n"
                          "  app:\n"
                          "    check: { type: icmp }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n"
                          "  mail:\n"
                          "    check: { type: tcp, path: /, expect: [200] }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n"
                          "  web:\n"
                          "    check: { type: http, tls_verify: false }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n")),
      ElementsAre("example.com.yaml:6:20: type: \"icmp\" is not a check type (http, https or tcp)",
                  "example.com.yaml:9:12: check: a tcp check needs a port",
                  "example.com.yaml:9:25: path: only http and https checks use it",
                  "example.com.yaml:9:34: expect: only http and https checks use it",
                  "example.com.yaml:12:26: tls_verify: only https checks use it"));
}

TEST(YamlLoader, ReportsBadFailback) {
  EXPECT_THAT(
      lint_yaml(with_head("groups:\n"
                          "  app:\n"
                          "    check: { type: http }\n"
                          "    policy: { failback: sometimes }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n"
                          "  api:\n"
                          "    check: { type: http }\n"
                          "    policy: { failback: { mode: manual, after: 5m } }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n"
                          "  web:\n"
                          "    check: { type: http }\n"
                          "    policy: { failback: { after: 5m } }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n")),
      ElementsAre("example.com.yaml:7:25: failback: \"sometimes\" is not manual or auto",
                  "example.com.yaml:11:41: after: only automatic failback waits; remove it or "
                  "use mode: auto",
                  "example.com.yaml:15:25: failback: missing required key \"mode\""));
}

TEST(YamlLoader, ReportsPoolNamesAndMembersThatDoNotRead) {
  EXPECT_THAT(
      lint_yaml(with_head("groups:\n"
                          "  app:\n"
                          "    check: { type: http }\n"
                          "    pools:\n"
                          "      - name: primary pool\n"
                          "        members: [192.0.2.300, app.example.com, \"192.0.2.1:80\"]\n")),
      ElementsAre("example.com.yaml:8:15: name: pool name \"primary pool\" may hold only "
                  "letters, digits, \"-\" and \"_\" (1 to 63)",
                  "example.com.yaml:9:19: member \"192.0.2.300\" is not an IPv4 or IPv6 address",
                  "example.com.yaml:9:32: member \"app.example.com\" is not an IPv4 or IPv6 "
                  "address",
                  "example.com.yaml:9:49: member \"192.0.2.1:80\" is not an IPv4 or IPv6 address"));
}

TEST(YamlLoader, ReportsAGroupOwnerThatIsNotAName) {
  EXPECT_THAT(lint_yaml(with_head("groups:\n"
                                  "  \"a..b\":\n"
                                  "    check: { type: http }\n"
                                  "    pools: [{ name: p, members: [192.0.2.1] }]\n")),
              ElementsAre("example.com.yaml:5:3: group: \"a..b\" is not a domain name"));
}

TEST(YamlLoader, ReportsAnUnreadableFile) {
  ConfigErrors errors;
  load_zone_file("/nonexistent/example.com.yaml", errors);
  EXPECT_THAT(testing::strings(errors),
              ElementsAre("/nonexistent/example.com.yaml: cannot read the file"));
}

}  // namespace
}  // namespace flipdns::zones
