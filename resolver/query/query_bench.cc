// query_bench ORIGIN=ZONEFILE QUERIES [ROUNDS]: the user-space cost of answering,
// without sockets. Loads the zone as flipdns-auth --zone-file does, builds the
// queries of a dnsperf input file ("name TYPE" per line), then answers them all
// ROUNDS times (default 20) and prints nanoseconds per query. Two passes: one over
// the queries in file order (the cache sees what a server sees), one repeating a
// single query (the floor: everything in L1).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "resolver/dns/ldns_ptr.h"
#include "resolver/query/handler.h"
#include "resolver/query/test_zone.h"
#include "resolver/query/zone_loader.h"

using namespace flipdns;
using Clock = std::chrono::steady_clock;

namespace {

double ns_per_query(const zone::ZoneSet& zones, const std::vector<std::vector<uint8_t>>& queries,
                    int rounds, std::size_t& sink) {
  std::vector<uint8_t> out(1232);
  const query::Identity id;
  auto t0 = Clock::now();
  for (int r = 0; r < rounds; ++r)
    for (const auto& q : queries)
      sink += query::handle_query(zones, id, query::Transport::kUdp, q, out).size;
  auto t = std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
  return t / (static_cast<double>(rounds) * static_cast<double>(queries.size()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s ORIGIN=ZONEFILE QUERIES [ROUNDS]\n", argv[0]);
    return 2;
  }
  std::string spec = argv[1];
  auto eq = spec.find('=');
  if (eq == std::string::npos) {
    std::fprintf(stderr, "%s: not ORIGIN=ZONEFILE\n", argv[1]);
    return 2;
  }
  int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 20;
  std::shared_ptr<const zone::ZoneSet> zones;
  try {
    zones = query::load_zone_set({{spec.substr(0, eq), spec.substr(eq + 1)}});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }

  std::vector<std::vector<uint8_t>> queries;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::string name, type;
    if (!(fields >> name >> type)) continue;
    ldns_rr_type t = ldns_get_rr_type_by_name(type.c_str());
    if (t == 0) continue;
    queries.push_back(query::testing::make_query(name, static_cast<uint16_t>(t)));
  }
  if (queries.empty()) {
    std::fprintf(stderr, "%s: no queries\n", argv[2]);
    return 1;
  }

  std::size_t sink = 0;
  ns_per_query(*zones, queries, 1, sink);  // warm-up
  double mixed = ns_per_query(*zones, queries, rounds, sink);
  std::vector<std::vector<uint8_t>> one(queries.size(), queries.front());
  double same = ns_per_query(*zones, one, rounds, sink);
  std::printf(
      "%zu queries x %d rounds: %.1f ns/query in file order, %.1f ns/query repeating "
      "one (%zu octets answered)\n",
      queries.size(), rounds, mixed, same, sink);
  return 0;
}
