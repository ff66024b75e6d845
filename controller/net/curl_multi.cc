#include "controller/net/curl_multi.h"

#include <stdexcept>
#include <utility>

namespace flipdns::net {

CurlMulti::CurlMulti(uv_loop_t* loop)
    : loop_(loop),
      multi_(curl_multi_init()),
      timer_([loop](uv_timer_t* t) { return uv_timer_init(loop, t); }) {
  if (!multi_) throw std::runtime_error("curl_multi_init failed");
  timer_->data = this;
  curl_multi_setopt(multi_.get(), CURLMOPT_SOCKETFUNCTION, &CurlMulti::on_socket);
  curl_multi_setopt(multi_.get(), CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_.get(), CURLMOPT_TIMERFUNCTION, &CurlMulti::on_timer);
  curl_multi_setopt(multi_.get(), CURLMOPT_TIMERDATA, this);
}

CurlMulti::~CurlMulti() {
  for (auto& [id, r] : transfers_) curl_multi_remove_handle(multi_.get(), r.transfer->easy());
  transfers_.clear();
  ids_.clear();
  // Cleaning up closes cached connections, which may still call on_socket:
  // the polls and this object must be alive until it returns.
  multi_.reset();
  polls_.clear();
}

CurlMulti::Id CurlMulti::start(const HttpRequest& request, Done done) {
  auto transfer = std::make_unique<CurlTransfer>(request);
  CURL* easy = transfer->easy();
  const Id id = next_id_++;
  transfers_[id] = Running{std::move(transfer), std::move(done)};
  ids_[easy] = id;
  if (CURLMcode rc = curl_multi_add_handle(multi_.get(), easy); rc != CURLM_OK) {
    transfers_.erase(id);
    ids_.erase(easy);
    throw std::runtime_error(std::string("curl_multi_add_handle: ") + curl_multi_strerror(rc));
  }
  return id;
}

void CurlMulti::cancel(Id id) {
  auto it = transfers_.find(id);
  if (it == transfers_.end()) return;
  CURL* easy = it->second.transfer->easy();
  curl_multi_remove_handle(multi_.get(), easy);
  ids_.erase(easy);
  transfers_.erase(it);
}

int CurlMulti::on_socket(CURL*, curl_socket_t s, int what, void* self_ptr, void*) {
  auto* self = static_cast<CurlMulti*>(self_ptr);
  if (what == CURL_POLL_REMOVE) {
    // Stops watching before curl closes the descriptor.
    self->polls_.erase(s);
    return 0;
  }
  auto it = self->polls_.find(s);
  if (it == self->polls_.end()) {
    uv_loop_t* loop = self->loop_;
    UvHandle<uv_poll_t> poll([loop, s](uv_poll_t* p) { return uv_poll_init_socket(loop, p, s); });
    poll->data = self;
    it = self->polls_.emplace(s, std::move(poll)).first;
  }
  int events = 0;
  if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) events |= UV_READABLE;
  if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT) events |= UV_WRITABLE;
  uv_poll_start(it->second.get(), events, [](uv_poll_t* p, int status, int ev) {
    auto* me = static_cast<CurlMulti*>(p->data);
    uv_os_fd_t fd;
    uv_fileno(reinterpret_cast<uv_handle_t*>(p), &fd);
    int flags = 0;
    if (status < 0) flags = CURL_CSELECT_ERR;
    if (ev & UV_READABLE) flags |= CURL_CSELECT_IN;
    if (ev & UV_WRITABLE) flags |= CURL_CSELECT_OUT;
    me->act(fd, flags);
  });
  return 0;
}

int CurlMulti::on_timer(CURLM*, long timeout_ms, void* self_ptr) {
  auto* self = static_cast<CurlMulti*>(self_ptr);
  if (timeout_ms < 0) {
    uv_timer_stop(self->timer_.get());
    return 0;
  }
  // Even a 0 ms timeout goes through the loop: curl forbids calling
  // curl_multi_socket_action from inside its own callback.
  uv_timer_start(
      self->timer_.get(),
      [](uv_timer_t* t) { static_cast<CurlMulti*>(t->data)->act(CURL_SOCKET_TIMEOUT, 0); },
      static_cast<uint64_t>(timeout_ms), 0);
  return 0;
}

void CurlMulti::act(curl_socket_t s, int events) {
  int running = 0;
  curl_multi_socket_action(multi_.get(), s, events, &running);
  collect_done();
}

void CurlMulti::collect_done() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    const CURLcode code = msg->data.result;
    curl_multi_remove_handle(multi_.get(), easy);
    auto id = ids_.find(easy);
    if (id == ids_.end()) continue;
    auto it = transfers_.find(id->second);
    ids_.erase(id);
    Running done = std::move(it->second);
    transfers_.erase(it);
    HttpResponse response = done.transfer->finish(code);
    done.done(std::move(response));
  }
}

}  // namespace flipdns::net
