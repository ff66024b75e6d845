#include "controller/net/curl_transfer.h"

#include <stdexcept>

namespace flipdns::net {
namespace {

template <typename T>
void set(CURL* c, CURLoption opt, T value, const char* name) {
  if (CURLcode rc = curl_easy_setopt(c, opt, value); rc != CURLE_OK)
    throw std::runtime_error(std::string("curl option ") + name + ": " + curl_easy_strerror(rc));
}

}  // namespace

CurlTransfer::CurlTransfer(const HttpRequest& r) : easy_(curl_easy_init()), max_body_(r.max_body) {
  if (!easy_) throw std::runtime_error("curl_easy_init failed");
  CURL* c = easy_.get();
  set(c, CURLOPT_URL, r.url.c_str(), "URL");
  set(c, CURLOPT_PRIVATE, static_cast<void*>(this), "PRIVATE");
  // Timeouts are ours to enforce through the event loop; signals would reach
  // the whole process.
  set(c, CURLOPT_NOSIGNAL, 1L, "NOSIGNAL");
  set(c, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()), "TIMEOUT_MS");
  // A proxy from the environment would check the proxy, not the member, and
  // decisions must reach the auth servers directly.
  set(c, CURLOPT_PROXY, "", "PROXY");
  set(c, CURLOPT_NOPROXY, "*", "NOPROXY");
  // A redirect is an answer like any other: the check's expected codes judge it.
  set(c, CURLOPT_FOLLOWLOCATION, 0L, "FOLLOWLOCATION");
  set(c, CURLOPT_PROTOCOLS_STR, "http,https", "PROTOCOLS_STR");
  set(c, CURLOPT_USERAGENT, r.user_agent.c_str(), "USERAGENT");
  set(c, CURLOPT_ERRORBUFFER, errbuf_, "ERRORBUFFER");
  set(c, CURLOPT_WRITEFUNCTION, &CurlTransfer::on_body, "WRITEFUNCTION");
  set(c, CURLOPT_WRITEDATA, static_cast<void*>(this), "WRITEDATA");
  set(c, CURLOPT_SSL_VERIFYPEER, r.verify_tls ? 1L : 0L, "SSL_VERIFYPEER");
  set(c, CURLOPT_SSL_VERIFYHOST, r.verify_tls ? 2L : 0L, "SSL_VERIFYHOST");
  if (!r.ca_file.empty()) set(c, CURLOPT_CAINFO, r.ca_file.c_str(), "CAINFO");
  if (r.fresh_connection) {
    set(c, CURLOPT_FRESH_CONNECT, 1L, "FRESH_CONNECT");
    set(c, CURLOPT_FORBID_REUSE, 1L, "FORBID_REUSE");
  }
  if (r.connect_to) {
    connect_to_.reset(curl_slist_append(nullptr, r.connect_to->c_str()));
    if (!connect_to_) throw std::runtime_error("curl_slist_append failed");
    set(c, CURLOPT_CONNECT_TO, connect_to_.get(), "CONNECT_TO");
  }
  for (const std::string& h : r.headers) {
    curl_slist* next = curl_slist_append(headers_.get(), h.c_str());
    if (!next) throw std::runtime_error("curl_slist_append failed");
    (void)headers_.release();
    headers_.reset(next);
  }
  if (headers_) set(c, CURLOPT_HTTPHEADER, headers_.get(), "HTTPHEADER");
  if (r.body) {
    request_body_ = *r.body;
    set(c, CURLOPT_POSTFIELDS, request_body_.c_str(), "POSTFIELDS");
    set(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request_body_.size()),
        "POSTFIELDSIZE_LARGE");
  }
  if (r.method == "HEAD") {
    set(c, CURLOPT_NOBODY, 1L, "NOBODY");
  } else if (r.method != "GET" || r.body) {
    set(c, CURLOPT_CUSTOMREQUEST, r.method.c_str(), "CUSTOMREQUEST");
  }
}

size_t CurlTransfer::on_body(char* data, size_t size, size_t n, void* self_ptr) {
  auto* self = static_cast<CurlTransfer*>(self_ptr);
  const size_t len = size * n;
  const size_t room = self->max_body_ - self->body_.size();
  if (len > room) {
    // Enough has been read to judge; stop the transfer rather than download
    // whatever a member decides to send.
    self->body_.append(data, room);
    self->body_cut_ = true;
    return 0;
  }
  self->body_.append(data, len);
  return len;
}

HttpResponse CurlTransfer::finish(CURLcode code) {
  HttpResponse out;
  CURL* c = easy_.get();
  if (code == CURLE_WRITE_ERROR && body_cut_) code = CURLE_OK;
  out.code = code;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
  curl_off_t us = 0;
  curl_easy_getinfo(c, CURLINFO_TOTAL_TIME_T, &us);
  out.total_time = Duration(us / 1000);
  out.body = std::move(body_);
  if (code != CURLE_OK) out.error = errbuf_[0] ? errbuf_ : curl_easy_strerror(code);
  return out;
}

}  // namespace flipdns::net
