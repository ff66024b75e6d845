// What a worker's UDP and TCP servers share. One per worker thread, touched by that
// thread only (the counters excepted, which others may read).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <span>

#include "resolver/query/handler.h"
#include "resolver/server/counters.h"
#include "resolver/server/logger.h"
#include "resolver/server/snapshot.h"
#include "resolver/zone/zone_set.h"

namespace flipdns::server {

// The DNS entry point. A pointer rather than a direct call so the socket code can be
// tested with a stand-in; production always passes query::handle_query.
using QueryHandler = query::Outcome (*)(const zone::ZoneSet&, const query::Identity&,
                                        query::Transport, std::span<const uint8_t>,
                                        std::span<uint8_t>) noexcept;

struct ServeSettings {
  QueryHandler handler = nullptr;
  query::Identity identity;
  std::chrono::milliseconds tcp_idle_timeout{10'000};
  unsigned tcp_max_connections = 1024;
};

struct WorkerContext {
  WorkerContext(const ServeSettings& s, const Snapshot<zone::ZoneSet>& zone_source,
                WorkerCounters& c, Logger& l)
      : settings(s), zones(zone_source), counters(c), log(l) {}

  const ServeSettings& settings;
  SnapshotReader<zone::ZoneSet> zones;
  WorkerCounters& counters;
  Logger& log;
  // TCP answers are built here, then copied into the connection's write buffer: one
  // 64 KiB buffer per worker instead of one per connection.
  std::array<uint8_t, 65535> tcp_scratch;
};

}  // namespace flipdns::server
