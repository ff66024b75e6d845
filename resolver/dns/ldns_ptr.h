// ldns objects owned by unique_ptr with their free function (STYLE 12).
#pragma once

// Without this, ldns/common.h defines `bool` as a macro in C++ and breaks any
// standard header included after it. Always include ldns through this file.
#include <stdbool.h>  // NOLINT(modernize-deprecated-headers)

#include <ldns/ldns.h>

#include <memory>

namespace flipdns::dns {

struct LdnsRdfFree {
  void operator()(ldns_rdf* p) const { ldns_rdf_deep_free(p); }
};
struct LdnsRrFree {
  void operator()(ldns_rr* p) const { ldns_rr_free(p); }
};
struct LdnsBufferFree {
  void operator()(ldns_buffer* p) const { ldns_buffer_free(p); }
};
struct LdnsPktFree {
  void operator()(ldns_pkt* p) const { ldns_pkt_free(p); }
};
using RdfPtr = std::unique_ptr<ldns_rdf, LdnsRdfFree>;
using RrPtr = std::unique_ptr<ldns_rr, LdnsRrFree>;
using BufferPtr = std::unique_ptr<ldns_buffer, LdnsBufferFree>;
using PktPtr = std::unique_ptr<ldns_pkt, LdnsPktFree>;

}  // namespace flipdns::dns
