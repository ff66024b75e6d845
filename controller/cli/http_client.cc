#include "controller/cli/http_client.h"

#include <cstring>
#include <stdexcept>

namespace flipdns::cli {

net::HttpResponse CurlHttpClient::send(const net::HttpRequest& request) {
  try {
    net::CurlTransfer transfer(request);
    net::HttpResponse r = transfer.finish(curl_easy_perform(transfer.easy()));
    // Some libcurl versions say only "Couldn't connect to server"; the
    // system's reason (refused, unreachable) is what the operator needs.
    long os_errno = 0;
    if (!r.ok() && curl_easy_getinfo(transfer.easy(), CURLINFO_OS_ERRNO, &os_errno) == CURLE_OK &&
        os_errno != 0)
      r.error += std::string(": ") + std::strerror(static_cast<int>(os_errno));
    return r;
  } catch (const std::runtime_error& e) {
    net::HttpResponse r;
    r.code = CURLE_FAILED_INIT;
    r.error = e.what();
    return r;
  }
}

}  // namespace flipdns::cli
