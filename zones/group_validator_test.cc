// Failover-group validation errors: one test per kind, each asserting the whole
// message and its line and column.
#include "zones/group_validator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "zones/test_files.h"
#include "zones/validator.h"
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

// One group "app" whose check (line 6) and pools (line 7) the caller writes.
std::string app(std::string_view check,
                std::string_view pools = "[{ name: p, members: [192.0.2.1] }]") {
  return with_head(
      "groups:\n"
      "  app:\n"
      "    check: " +
      std::string(check) +
      "\n"
      "    pools: " +
      std::string(pools) + "\n");
}

TEST(GroupValidator, OwnerOutsideTheZone) {
  EXPECT_THAT(lint_yaml(with_head("groups:\n"
                                  "  app.example.org.:\n"
                                  "    check: { type: http }\n"
                                  "    pools: [{ name: p, members: [192.0.2.1] }]\n")),
              ElementsAre("example.com.yaml:5:3: group owner app.example.org. is outside the zone "
                          "example.com."));
}

TEST(GroupValidator, DuplicateGroupSpelledAnyWay) {
  EXPECT_THAT(
      lint_yaml(with_head("groups:\n"
                          "  app:\n"
                          "    check: { type: http }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n"
                          "  App.Example.Com.:\n"
                          "    check: { type: http }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n"
                          "  app:\n"
                          "    check: { type: http }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n")),
      ElementsAre("example.com.yaml:8:3: duplicate group app.example.com. (first at line 5, column "
                  "3)",
                  "example.com.yaml:11:3: duplicate group app.example.com. (first at line 5, "
                  "column 3)"));
}

TEST(GroupValidator, OwnerWithStaticAddressesOrCname) {
  EXPECT_THAT(
      lint_yaml(with_head("records:\n"
                          "  - { name: app, type: A, value: 192.0.2.9 }\n"
                          "  - { name: app, type: AAAA, value: \"2001:db8::9\" }\n"
                          "  - { name: app, type: TXT, value: fine }\n"
                          "  - { name: api, type: CNAME, value: app }\n"
                          "groups:\n"
                          "  app:\n"
                          "    check: { type: http }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n"
                          "  api:\n"
                          "    check: { type: http }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n")),
      ElementsAre("example.com.yaml:10:3: group app.example.com. also has a static A record "
                  "(line 5, column 5); its addresses come from its pools",
                  "example.com.yaml:10:3: group app.example.com. also has a static AAAA record "
                  "(line 6, column 5); its addresses come from its pools",
                  "example.com.yaml:13:3: group api.example.com. also has a static CNAME record "
                  "(line 8, column 5); its addresses come from its pools"));
}

TEST(GroupValidator, OwnerWithAnAddressInTheIncludeFile) {
  TempDir dir;
  dir.write("example.com.zone", "app IN A 192.0.2.9\n");
  auto path =
      dir.write("example.com.yaml", with_head("include: example.com.zone\n"
                                              "groups:\n"
                                              "  app:\n"
                                              "    check: { type: http }\n"
                                              "    pools: [{ name: p, members: [192.0.2.1] }]\n"));
  ConfigErrors errors;
  ZoneConfig z = load_zone_file(path, errors, "example.com.yaml");
  validate_zone(z, errors);
  EXPECT_THAT(
      testing::strings(errors),
      ElementsAre("example.com.yaml:6:3: group app.example.com. also has a static A record (" +
                  (dir.path() / "example.com.zone").string() +
                  " line 1, column 1); its addresses come from its pools"));
}

TEST(GroupValidator, OwnerAtOrBelowADelegation) {
  EXPECT_THAT(
      lint_yaml(with_head("records:\n"
                          "  - { name: dev, type: NS, value: ns1.example.net. }\n"
                          "groups:\n"
                          "  api.dev:\n"
                          "    check: { type: http }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n"
                          "  dev:\n"
                          "    check: { type: http }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n")),
      ElementsAre("example.com.yaml:7:3: group api.dev.example.com. is at or below the delegation "
                  "dev.example.com. (line 5, column 5); its answers would come from the child zone",
                  "example.com.yaml:10:3: group dev.example.com. is at or below the delegation "
                  "dev.example.com. (line 5, column 5); its answers would come from the child "
                  "zone"));
}

TEST(GroupValidator, TtlOutOfRange) {
  EXPECT_THAT(lint_yaml(with_head("groups:\n"
                                  "  app:\n"
                                  "    ttl: 0\n"
                                  "    check: { type: http }\n"
                                  "    pools: [{ name: p, members: [192.0.2.1] }]\n"
                                  "  api:\n"
                                  "    ttl: 1h1s\n"
                                  "    check: { type: http }\n"
                                  "    pools: [{ name: p, members: [192.0.2.1] }]\n")),
              ElementsAre("example.com.yaml:6:10: ttl: 0 is out of range (1 to 3600 seconds)",
                          "example.com.yaml:10:10: ttl: 3601 is out of range (1 to 3600 seconds)"));
}

TEST(GroupValidator, CheckPortOutOfRange) {
  EXPECT_THAT(lint_yaml(app("{ type: tcp, port: 0 }")),
              ElementsAre("example.com.yaml:6:31: port: 0 is out of range (1 to 65535)"));
  EXPECT_THAT(lint_yaml(app("{ type: http, port: 65536 }")),
              ElementsAre("example.com.yaml:6:32: port: 65536 is out of range (1 to 65535)"));
}

TEST(GroupValidator, CheckPathAndHost) {
  EXPECT_THAT(lint_yaml(app("{ type: http, path: healthz, host: \"app example\" }")),
              ElementsAre("example.com.yaml:6:32: path: \"healthz\" must start with /",
                          "example.com.yaml:6:47: host: \"app example\" is not a host name"));
}

TEST(GroupValidator, CheckMethod) {
  EXPECT_THAT(lint_yaml(app("{ type: https, method: HEAD }")), ElementsAre());
  EXPECT_THAT(
      lint_yaml(app("{ type: http, method: get }")),
      ElementsAre("example.com.yaml:6:34: method: \"get\" is not a check method (GET or HEAD)"));
  EXPECT_THAT(
      lint_yaml(app("{ type: http, method: HEAD, body: ok }")),
      ElementsAre("example.com.yaml:6:46: body: a HEAD check gets no body to search; use GET"));
}

TEST(GroupValidator, CheckExpect) {
  EXPECT_THAT(lint_yaml(app("{ type: https, expect: [] }")),
              ElementsAre("example.com.yaml:6:35: expect: list at least one HTTP status"));
  EXPECT_THAT(lint_yaml(app("{ type: https, expect: [99, 200, 600] }")),
              ElementsAre("example.com.yaml:6:36: expect: 99 is out of range (100 to 599)",
                          "example.com.yaml:6:45: expect: 600 is out of range (100 to 599)"));
}

TEST(GroupValidator, CheckIntervalAndTimeout) {
  EXPECT_THAT(lint_yaml(app("{ type: http, interval: 50ms }")),
              ElementsAre("example.com.yaml:6:36: interval: 50ms is out of range (100ms to 1h)"));
  EXPECT_THAT(lint_yaml(app("{ type: http, interval: 1h1s, timeout: 1s }")),
              ElementsAre("example.com.yaml:6:36: interval: 1h1s is out of range (100ms to 1h)"));
  EXPECT_THAT(
      lint_yaml(app("{ type: http, interval: 1s, timeout: 1s }")),
      ElementsAre("example.com.yaml:6:49: timeout: 1s must be shorter than the interval 1s"));
  EXPECT_THAT(lint_yaml(app("{ type: http, interval: 1s, timeout: 5ms }")),
              ElementsAre("example.com.yaml:6:49: timeout: 5ms is shorter than 10ms"));
}

TEST(GroupValidator, CheckRiseAndFall) {
  EXPECT_THAT(lint_yaml(app("{ type: http, rise: 0, fall: 0 }")),
              ElementsAre("example.com.yaml:6:32: rise: 0 is out of range (1 to 100)",
                          "example.com.yaml:6:41: fall: 0 is out of range (1 to 100)"));
  EXPECT_THAT(lint_yaml(app("{ type: http, rise: 101 }")),
              ElementsAre("example.com.yaml:6:32: rise: 101 is out of range (1 to 100)"));
}

TEST(GroupValidator, PolicyDurationsOutOfRange) {
  EXPECT_THAT(
      lint_yaml(with_head("groups:\n"
                          "  app:\n"
                          "    check: { type: http }\n"
                          "    policy: { hold_down: 25h, failback: { mode: auto, after: 24h1s } }\n"
                          "    pools: [{ name: p, members: [192.0.2.1] }]\n")),
      ElementsAre("example.com.yaml:7:26: hold_down: 25h is out of range (0s to 24h)",
                  "example.com.yaml:7:62: after: 24h1s is out of range (0s to 24h)"));
}

TEST(GroupValidator, PolicyNamesAnUnknownPool) {
  EXPECT_THAT(
      lint_yaml(with_head("groups:\n"
                          "  app:\n"
                          "    check: { type: http }\n"
                          "    policy: { manual_pools: [standby, dr] }\n"
                          "    pools:\n"
                          "      - { name: primary, members: [192.0.2.1] }\n"
                          "      - { name: stanby, members: [198.51.100.1] }\n")),
      ElementsAre("example.com.yaml:7:30: manual_pools: unknown pool \"standby\" (the group's "
                  "pools: primary, stanby)",
                  "example.com.yaml:7:39: manual_pools: unknown pool \"dr\" (the group's pools: "
                  "primary, stanby)"));
}

TEST(GroupValidator, NoPools) {
  EXPECT_THAT(lint_yaml(with_head("groups:\n"
                                  "  app:\n"
                                  "    check: { type: http }\n")),
              ElementsAre("example.com.yaml:5:3: group app.example.com. has no pools"));
  EXPECT_THAT(lint_yaml(app("{ type: http }", "[]")),
              ElementsAre("example.com.yaml:7:12: group app.example.com. has no pools"));
}

TEST(GroupValidator, DuplicatePoolNames) {
  EXPECT_THAT(
      lint_yaml(app("{ type: http }",
                    "[{ name: primary, members: [192.0.2.1] }, { name: primary, members: "
                    "[192.0.2.2] }]")),
      ElementsAre("example.com.yaml:7:62: duplicate pool name \"primary\" (first at line 7, "
                  "column 21)"));
}

TEST(GroupValidator, EmptyPools) {
  EXPECT_THAT(
      lint_yaml(app("{ type: http }", "[{ name: primary, members: [] }, { name: standby }]")),
      ElementsAre("example.com.yaml:7:39: pool \"primary\" has no members",
                  "example.com.yaml:7:45: pool \"standby\" has no members"));
}

TEST(GroupValidator, DuplicateMembers) {
  EXPECT_THAT(
      lint_yaml(app(
          "{ type: http }",
          "[{ name: p, members: [192.0.2.1, \"2001:db8::1\", 192.0.2.1, \"2001:DB8:0::1\"] }]")),
      ElementsAre(
          "example.com.yaml:7:60: duplicate member 192.0.2.1 in pool \"p\" (first at line 7, "
          "column 34)",
          "example.com.yaml:7:71: duplicate member 2001:db8::1 in pool \"p\" (first at line 7, "
          "column 45)"));
}

TEST(GroupValidator, MinHealthyOutOfRange) {
  EXPECT_THAT(
      lint_yaml(app("{ type: http }", "[{ name: p, min_healthy: 0, members: [192.0.2.1] }]")),
      ElementsAre("example.com.yaml:7:37: min_healthy: 0 is out of range (at least 1)"));
  EXPECT_THAT(
      lint_yaml(
          app("{ type: http }", "[{ name: p, min_healthy: 3, members: [192.0.2.1, 192.0.2.2] }]")),
      ElementsAre(
          "example.com.yaml:7:37: min_healthy: 3 is more than the 2 members of pool \"p\""));
}

}  // namespace
}  // namespace flipdns::zones
