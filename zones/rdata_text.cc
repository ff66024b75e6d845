#include "zones/rdata_text.h"

#include <cstdlib>

#include "resolver/dns/ldns_ptr.h"
#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"

namespace flipdns::zones {

uint16_t rr_type_by_name(std::string_view name) {
  std::string s(name);
  return static_cast<uint16_t>(ldns_get_rr_type_by_name(s.c_str()));
}

std::string rr_type_name(uint16_t type) {
  dns::BufferPtr buf(ldns_buffer_new(16));
  ldns_rr_type2buffer_str(buf.get(), static_cast<ldns_rr_type>(type));
  return std::string(reinterpret_cast<const char*>(ldns_buffer_begin(buf.get())),
                     ldns_buffer_position(buf.get()));
}

bool is_meta_type(uint16_t t) {
  namespace type = dns::type;
  // RFC 6895 3.1: 128-255 are meta types and QTYPEs; TSIG, TKEY and OPT live there or below.
  return t == 0 || t == type::OPT || t == 249 /* TKEY */ || t == 250 /* TSIG */ ||
         (t >= 128 && t <= 255);
}

std::variant<RdataText, std::string> parse_rdata(std::string_view owner, uint32_t ttl,
                                                 uint16_t type, std::string_view value,
                                                 std::string_view origin) {
  if (value.find_first_of("\n\r") != std::string_view::npos)
    return std::string("a value must be one line");
  std::string line = dns::to_text(owner) + " " + std::to_string(ttl) + " IN " + rr_type_name(type) +
                     " " + std::string(value);
  dns::RdfPtr origin_rdf(ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, origin.size(), origin.data()));
  ldns_rr* raw = nullptr;
  ldns_rdf* prev = nullptr;
  ldns_status st = ldns_rr_new_frm_str(&raw, line.c_str(), ttl, origin_rdf.get(), &prev);
  dns::RdfPtr prev_owner(prev);
  dns::RrPtr rr(raw);
  if (st != LDNS_STATUS_OK) return std::string(ldns_get_errorstr_by_id(st));
  if (ldns_rr_get_type(rr.get()) != type || ldns_rr_get_class(rr.get()) != LDNS_RR_CLASS_IN)
    return std::string("not a record of this type and class");
  dns::BufferPtr buf(ldns_buffer_new(256));
  if (ldns_rr_rdata2buffer_wire(buf.get(), rr.get()) != LDNS_STATUS_OK)
    return std::string("cannot encode the record");
  RdataText out;
  out.type = type;
  out.rdata.assign(reinterpret_cast<const char*>(ldns_buffer_begin(buf.get())),
                   ldns_buffer_position(buf.get()));
  if (out.rdata.size() > 65535) return std::string("the value is longer than 65535 octets");
  char* s = ldns_rr2str(rr.get());
  if (s != nullptr) {
    out.text = s;
    std::free(s);
    while (!out.text.empty() && (out.text.back() == '\n' || out.text.back() == ' '))
      out.text.pop_back();
  }
  return out;
}

}  // namespace flipdns::zones
