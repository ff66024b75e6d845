// What a health check is and how the checker runs one, independent of the
// protocol: a target (one member of one group, with the group's check), the
// outcome of one check, and the session and factory interfaces the checker is
// given (STYLE 8 and 10: tests hand it fakes).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "controller/engine/clock.h"

namespace flipdns::probe {

using engine::Duration;

enum class CheckKind { kHttp, kHttps, kTcp };

// A group's `check:` from its zone YAML, with the loader's defaults applied.
struct CheckSpec {
  CheckKind kind = CheckKind::kHttp;
  uint16_t port = 80;
  std::string method = "GET";    // http(s): GET or HEAD
  std::string path = "/";        // http(s)
  std::string host;              // http(s): Host header and SNI; empty: the member address
  std::vector<int> expect{200};  // http(s): status codes that pass
  std::string body;              // http(s): substring the body must contain; empty: any
  bool tls_verify = true;        // https
  Duration interval{2000};
  Duration timeout{1000};
  int rise = 2;
  int fall = 3;

  // Whether a running session can keep going after a reload: every field a
  // session uses. Interval, rise and fall are the checker's.
  bool same_probe(const CheckSpec& o) const {
    return kind == o.kind && port == o.port && method == o.method && path == o.path &&
           host == o.host && expect == o.expect && body == o.body && tls_verify == o.tls_verify &&
           timeout == o.timeout;
  }
};

// One member of one group. A member listed in two groups is two targets: each
// group's check decides its health in that group.
struct ProbeTarget {
  std::string group;    // "app.example.com."
  std::string address;  // "192.0.2.10", "2001:db8::10"
  CheckSpec check;
};

// One check's verdict. Protocol code says only this much (STYLE 8); what a run
// of verdicts means is MemberHealth's business.
struct ProbeOutcome {
  bool ok = false;
  Duration latency{0};
  std::string error;  // empty when ok: "status 503 (expected 200)", "connection refused"
};

// Runs checks of one target, one at a time. Destroying a session cancels the
// check in flight: its callback is not called.
class ProbeSession {
 public:
  using Done = std::function<void(ProbeOutcome)>;
  virtual ~ProbeSession() = default;
  // `done` is called exactly once per run (possibly before run returns, in
  // fakes), unless the session is destroyed first.
  virtual void run(Done done) = 0;
};

class ProbeFactory {
 public:
  virtual ~ProbeFactory() = default;
  virtual std::unique_ptr<ProbeSession> make_session(const ProbeTarget& target) = 0;
};

const char* to_string(CheckKind k);

}  // namespace flipdns::probe
