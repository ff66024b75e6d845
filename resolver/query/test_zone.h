// Test helpers: zones from inline master-file text, queries built and responses
// read back with ldns, so tests state expectations in presentation format.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "resolver/query/handler.h"
#include "resolver/zone/zone_set.h"

namespace flipdns::query::testing {

// origin -> master-file text
std::shared_ptr<const zone::ZoneSet> zones_from_text(
    const std::vector<std::pair<std::string, std::string>>& zones);

struct QueryOpts {
  uint16_t qclass = 1;
  bool edns = false;
  uint16_t payload = 1232;
  uint8_t version = 0;
  bool do_bit = false;
  bool rd = false;
  uint8_t opcode = 0;
};
std::vector<uint8_t> make_query(const std::string& name, uint16_t qtype, const QueryOpts& o = {});

struct Reply {
  bool sent = false;
  int rcode = -1;  // full rcode including EDNS extended bits
  bool aa = false, tc = false, rd = false, ra = false, qr = false;
  bool has_opt = false;
  uint16_t opt_payload = 0;
  std::string question;                                    // "name TYPE" as sent back
  std::vector<std::string> answer, authority, additional;  // "owner ttl CLASS TYPE rdata"
  std::size_t size = 0;
};
Reply ask(const zone::ZoneSet& zones, const std::vector<uint8_t>& query,
          Transport t = Transport::kUdp, const Identity& id = {});

}  // namespace flipdns::query::testing
