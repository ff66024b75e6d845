// flip_bench N [STATE_DIR]: time to load a zone of N names with one failover
// group, and to apply flips to it (ServingState::put: check, persist when a
// STATE_DIR is given, rebuild the group's overlay, publish). Prints the median
// and max over 101 flips. Issue #3 asks for N = 100 and N = 1,000,000.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "resolver/decisions/serving_state.h"
#include "resolver/decisions/test_config.h"

using namespace flipdns::decisions;
using Clock = std::chrono::steady_clock;

static double ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s NAMES [STATE_DIR]\n", argv[0]);
    return 2;
  }
  long n = std::stol(argv[1]);
  testing::TempDir dir;
  {
    std::ofstream z(dir.path() / "big.zone");
    for (long i = 0; i < n; ++i)
      z << "h" << i << " 300 IN A 10." << (i >> 16 & 255) << '.' << (i >> 8 & 255) << '.'
        << (i & 255) << '\n';
  }
  std::string yaml = testing::kZoneYaml;
  yaml.replace(yaml.find("records:"), 0, "include: big.zone\n");
  dir.write("example.com.yaml", yaml);

  auto t0 = Clock::now();
  auto cfg = load_served_config(dir.path(), {});
  auto t1 = Clock::now();
  std::shared_ptr<const flipdns::zone::ZoneSet> seen;
  ServingState state(cfg, DecisionStore(argc > 2 ? argv[2] : ""),
                     [&](auto s) { seen = std::move(s); });

  std::vector<double> times;
  for (uint64_t epoch = 1; epoch <= 101; ++epoch) {
    Decision d{"app.example.com.", epoch % 2 ? "standby" : "primary",
               epoch % 2 ? std::vector<std::string>{"198.51.100.10"}
                         : std::vector<std::string>{"192.0.2.10"},
               epoch};
    auto a = Clock::now();
    PutResult r = state.put(d);
    auto b = Clock::now();
    if (r.status != 200) {
      std::fprintf(stderr, "flip %lu failed: %d %s\n", static_cast<unsigned long>(epoch), r.status,
                   r.error.c_str());
      return 1;
    }
    times.push_back(ms(b - a));
  }
  std::sort(times.begin(), times.end());
  std::printf(
      "names=%ld load_ms=%.0f recipes=%zu flip_ms_median=%.3f flip_ms_max=%.3f persisted=%s\n", n,
      ms(t1 - t0), cfg->zones[0]->recipes().size(), times[times.size() / 2], times.back(),
      argc > 2 ? "yes" : "no");
  return 0;
}
