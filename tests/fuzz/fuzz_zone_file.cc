// libFuzzer target: any octets as an RFC 1035 master file for example.com, loaded
// the way the server loads --zone-file (query::load_zone_set). The loader may
// refuse the file, but only with zone::ZoneError; any other exception, a crash or
// a leak is a bug. A zone that loads is then asked a few questions, so the
// answers compiled from odd data are checked like any other response.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "resolver/query/handler.h"
#include "resolver/query/zone_loader.h"
#include "resolver/zone/zone_error.h"
#include "resolver/zone/zone_set.h"
#include "tests/fuzz/response_check.h"

namespace {

using flipdns::query::Transport;

// A private directory holding the input file and a small file inputs may
// $INCLUDE by a relative name.
const std::string& work_dir() {
  static const std::string dir = [] {
    char tmpl[] = "/tmp/fuzz_zone_file.XXXXXX";
    if (!mkdtemp(tmpl)) {
      std::perror("mkdtemp");
      std::abort();
    }
    std::string d = tmpl;
    std::ofstream(d + "/inc.zone") << "inc 300 IN A 192.0.2.1\ninc 300 IN TXT \"included\"\n";
    return d;
  }();
  return dir;
}

// A query for `name` (presentation, relative to example.com.) and `qtype`, with an
// EDNS OPT advertising 1232 octets when `edns` is set.
std::vector<uint8_t> make_query(const std::string& name, uint16_t qtype, bool edns) {
  std::vector<uint8_t> q = {0x12, 0x34, 0x00, 0x00, 0, 1,
                            0,    0,    0,    0,    0, edns ? uint8_t{1} : uint8_t{0}};
  std::size_t start = 0;
  std::string full = name.empty() ? "example.com" : name + ".example.com";
  while (start <= full.size()) {
    std::size_t dot = full.find('.', start);
    if (dot == std::string::npos) dot = full.size();
    q.push_back(static_cast<uint8_t>(dot - start));
    q.insert(q.end(), full.begin() + static_cast<std::ptrdiff_t>(start),
             full.begin() + static_cast<std::ptrdiff_t>(dot));
    start = dot + 1;
  }
  q.insert(q.end(), {0, static_cast<uint8_t>(qtype >> 8), static_cast<uint8_t>(qtype), 0, 1});
  if (edns) q.insert(q.end(), {0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0});
  return q;
}

void ask(const flipdns::zone::ZoneSet& set, const std::vector<uint8_t>& q) {
  static const flipdns::query::Identity identity;
  for (Transport t : {Transport::kUdp, Transport::kTcp}) {
    std::vector<uint8_t> out(t == Transport::kUdp ? 512 : 65535);
    auto o = flipdns::query::handle_query(set, identity, t, q, out);
    flipdns::fuzz::check_response(
        q, t, out.size(), o, std::span<const uint8_t>(out.data(), std::min(o.size, out.size())));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string path = work_dir() + "/input.zone";
  {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!f) {
      std::perror("write input.zone");
      std::abort();
    }
  }
  // The server's own path: read, check, compile, publish.
  std::shared_ptr<const flipdns::zone::ZoneSet> set;
  try {
    set = flipdns::query::load_zone_set({{"example.com.", path}});
  } catch (const flipdns::zone::ZoneError&) {
    return 0;  // refusing a bad file is the loader's job
  }
  if (!set) {
    std::fprintf(stderr, "*** load_zone_set returned null without throwing\n");
    std::abort();
  }
  static const char* const kNames[] = {"", "www", "inc", "nonexistent", "a.b.c", "x.wild", "*"};
  static const uint16_t kTypes[] = {1, 2, 5, 6, 15, 16, 28, 43, 255};
  bool edns = false;
  for (const char* name : kNames)
    for (uint16_t t : kTypes) {
      ask(*set, make_query(name, t, edns));
      edns = !edns;
    }
  return 0;
}
