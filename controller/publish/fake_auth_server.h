// A stand-in for flipdns-auth's control API, for tests: GET /v1/decisions and
// PUT /v1/decisions/{group} with the contract's epoch rules (older → 409, same
// epoch and other content → 409, unknown group → 404, unknown pool → 400,
// bad token → 401). Runs on 127.0.0.1 in its own thread.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "controller/net/test_support.h"
#include "controller/publish/decision_wire.h"

namespace flipdns::publish {

class FakeAuthServer {
 public:
  // `groups`: group → its pools' names. Every group starts with no decision
  // (epoch 0, the first pool).
  FakeAuthServer(std::string token, std::map<std::string, std::vector<std::string>> groups);

  std::string url() const { return http_.url(); }

  // What it holds now (epoch 0: nothing received).
  WireDecision held(const std::string& group) const;
  // A server restarted from an old disk, or told by another controller.
  void set_held(const WireDecision& d);
  // While set, every request gets this status (0: normal service).
  void fail_with(int status);
  size_t puts() const;
  size_t gets() const;

 private:
  void routes(httplib::Server& s);

  const std::string token_;
  mutable std::mutex mu_;
  std::map<std::string, std::vector<std::string>> groups_;  // guarded by mu_
  std::map<std::string, WireDecision> held_;                // guarded by mu_
  int fail_status_ = 0;                                     // guarded by mu_
  size_t puts_ = 0, gets_ = 0;                              // guarded by mu_
  net::TestHttpServer http_;  // last: stops before the state it serves goes
};

}  // namespace flipdns::publish
