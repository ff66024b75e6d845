// libcurl's multi interface driven by a libuv loop (curl's documented
// "multi-uv" pattern): curl says which sockets to watch and when to wake it,
// libuv watches them. Every HTTP request of the controller — health checks and
// pushes to auth servers — runs here, on the loop thread, with no thread per
// request.
#pragma once

#include <curl/curl.h>
#include <uv.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>

#include "controller/net/curl_transfer.h"
#include "controller/net/uv_handle.h"

namespace flipdns::net {

class CurlMulti {
 public:
  using Done = std::function<void(HttpResponse)>;
  using Id = uint64_t;

  // Needs curl_global_init to have run (main does it once).
  explicit CurlMulti(uv_loop_t* loop);
  // Abandons every transfer still running; their callbacks are not called.
  ~CurlMulti();
  CurlMulti(const CurlMulti&) = delete;
  CurlMulti& operator=(const CurlMulti&) = delete;

  // Starts a request; `done` runs on the loop once it ends, whatever the
  // outcome. Throws std::runtime_error if the request cannot be set up. `done`
  // may start and cancel transfers but must not destroy this object.
  Id start(const HttpRequest& request, Done done);
  // Forgets a transfer: its callback will not run. Unknown or finished ids are
  // ignored, so a caller may cancel whatever it last started.
  void cancel(Id id);
  size_t active() const { return transfers_.size(); }

 private:
  struct Running {
    std::unique_ptr<CurlTransfer> transfer;
    Done done;
  };
  struct MultiDeleter {
    void operator()(CURLM* m) const { curl_multi_cleanup(m); }
  };

  static int on_socket(CURL* easy, curl_socket_t s, int what, void* self, void* socketp);
  static int on_timer(CURLM* multi, long timeout_ms, void* self);
  void act(curl_socket_t s, int events);
  void collect_done();

  uv_loop_t* loop_;
  std::unique_ptr<CURLM, MultiDeleter> multi_;
  UvHandle<uv_timer_t> timer_;
  std::map<curl_socket_t, UvHandle<uv_poll_t>> polls_;
  std::map<Id, Running> transfers_;
  std::map<CURL*, Id> ids_;  // finished transfers are reported by easy handle
  Id next_id_ = 1;
};

}  // namespace flipdns::net
