// How the controller hands decisions to the auth servers, as an interface so
// that the decision loop is tested with a fake and the daemon runs the real
// thing (AuthPublisher).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "controller/publish/decision_wire.h"
#include "controller/publish/server_sync.h"

namespace flipdns::publish {

// One server's decisions as read at start; `ok` false if it did not answer.
struct ServerView {
  std::string url;
  bool ok = false;
  std::string error;
  std::vector<WireDecision> decisions;
};

class Publisher {
 public:
  using OnReport = std::function<void(const ServerReport&)>;
  virtual ~Publisher() = default;

  // Cold start: reads every server once, then calls `done` with what each
  // holds (or why it did not answer) and starts the periodic reconcile. The
  // controller adopts the newest decision per group from these.
  virtual void start(std::function<void(std::vector<ServerView>)> done) = 0;
  // From now on every server should hold `d` (epoch > 0).
  virtual void publish(const WireDecision& d) = 0;
  // The group is gone from the configuration: stop caring about it.
  virtual void forget(const std::string& group) = 0;
  virtual std::vector<ServerStatus> status() const = 0;
  // Where reports of newer or conflicting decisions held by a server go.
  virtual void on_report(OnReport handler) = 0;
};

}  // namespace flipdns::publish
