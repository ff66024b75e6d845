// One owner for one libuv handle (STYLE 12). libuv may still touch a handle
// after uv_close() until its close callback has run, so the memory is released
// there and never in the destructor: destroying a UvHandle only starts the close.
#pragma once

#include <uv.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace flipdns::net {

class UvError : public std::runtime_error {
 public:
  UvError(const std::string& what, int code)
      : std::runtime_error(what + ": " + uv_strerror(code)), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

template <typename T>
class UvHandle {
 public:
  UvHandle() = default;

  // `init` is called with the new, zeroed handle: [&](uv_timer_t* t) { return
  // uv_timer_init(loop, t); }. A handle whose init failed was never known to
  // the loop, so it is freed at once and the error thrown.
  template <typename Init>
  explicit UvHandle(Init&& init) : h_(std::make_unique<T>()) {
    if (int rc = init(h_.get()); rc != 0) {
      h_.reset();
      throw UvError("libuv handle init", rc);
    }
  }

  UvHandle(UvHandle&& o) noexcept = default;
  UvHandle& operator=(UvHandle&& o) noexcept {
    if (this != &o) {
      reset();
      h_ = std::move(o.h_);
    }
    return *this;
  }
  UvHandle(const UvHandle&) = delete;
  UvHandle& operator=(const UvHandle&) = delete;
  ~UvHandle() { reset(); }

  T* get() const { return h_.get(); }
  T* operator->() const { return h_.get(); }
  explicit operator bool() const { return h_ != nullptr; }
  uv_handle_t* handle() const { return reinterpret_cast<uv_handle_t*>(h_.get()); }

  // Starts closing the handle; its memory goes when libuv says so. The handle
  // stops at once: no callback of it runs after this.
  void reset() {
    if (!h_) return;
    uv_handle_t* raw = reinterpret_cast<uv_handle_t*>(h_.release());
    raw->data = nullptr;
    uv_close(raw, [](uv_handle_t* h) { std::unique_ptr<T> owned(reinterpret_cast<T*>(h)); });
  }

 private:
  std::unique_ptr<T> h_;
};

}  // namespace flipdns::net
