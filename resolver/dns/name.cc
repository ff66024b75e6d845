#include "resolver/dns/name.h"

#include <cstdlib>

#include "resolver/dns/ldns_ptr.h"

namespace flipdns::dns {

void lower_in_place(std::string& wire) {
  for (char& c : wire) c = static_cast<char>(to_lower(static_cast<uint8_t>(c)));
}

std::string lowered(std::string_view wire) {
  std::string s(wire);
  lower_in_place(s);
  return s;
}

int label_count(std::string_view wire) {
  int n = 0;
  std::size_t i = 0;
  while (i < wire.size() && wire[i] != 0) {
    i += 1 + static_cast<uint8_t>(wire[i]);
    ++n;
  }
  return n;
}

std::string_view parent_of(std::string_view wire) {
  if (wire.empty() || wire[0] == 0) return wire;
  return wire.substr(1 + static_cast<uint8_t>(wire[0]));
}

bool is_subdomain(std::string_view name, std::string_view ancestor) {
  if (name.size() < ancestor.size()) return false;
  // Walk label boundaries so "xexample.com" is not taken for "example.com".
  std::string_view n = name;
  while (n.size() > ancestor.size()) n = parent_of(n);
  return n == ancestor;
}

std::size_t wire_name_length(std::string_view data) {
  std::size_t i = 0;
  while (i < data.size()) {
    uint8_t len = static_cast<uint8_t>(data[i]);
    if (len > 63) return 0;
    if (len == 0) return i + 1 <= 255 ? i + 1 : 0;
    i += 1 + len;
  }
  return 0;
}

std::string to_text(std::string_view wire) {
  RdfPtr rdf(ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, wire.size(), wire.data()));
  if (!rdf) return "<bad name>";
  char* s = ldns_rdf2str(rdf.get());
  if (!s) return "<bad name>";
  std::string out(s);
  std::free(s);
  return out;
}

std::string type_to_text(uint16_t type) {
  ldns_buffer* raw = ldns_buffer_new(16);
  BufferPtr buf(raw);
  if (!buf || ldns_rr_type2buffer_str(buf.get(), static_cast<ldns_rr_type>(type)) != LDNS_STATUS_OK)
    return "TYPE" + std::to_string(type);
  return std::string(reinterpret_cast<const char*>(ldns_buffer_begin(buf.get())),
                     ldns_buffer_position(buf.get()));
}

bool append_from_text(std::string_view text, std::string_view origin, std::string& out,
                      std::string& scratch) {
  if (text.empty()) return false;
  if (text == "@") {
    if (origin.empty()) return false;
    out.append(origin);
    return true;
  }
  scratch.assign(text);
  ldns_rdf* raw = nullptr;
  if (ldns_str2rdf_dname(&raw, scratch.c_str()) != LDNS_STATUS_OK || raw == nullptr) return false;
  RdfPtr rdf(raw);
  std::string_view wire(reinterpret_cast<const char*>(ldns_rdf_data(rdf.get())),
                        ldns_rdf_size(rdf.get()));
  // Escapes count: a\. ends in an escaped dot (relative), a\\. in the label
  // "a\" and the root (absolute).
  if (ldns_dname_str_absolute(scratch.c_str())) {
    out.append(wire);
    return true;
  }
  // ldns wrote a root label at the end; swap it for the origin.
  wire.remove_suffix(1);
  if (origin.empty() || wire.size() + origin.size() > 255) return false;
  out.append(wire);
  out.append(origin);
  return true;
}

std::optional<std::string> from_text(std::string_view text, std::string_view origin) {
  std::string wire, scratch;
  if (!append_from_text(text, origin, wire, scratch)) return std::nullopt;
  return wire;
}

}  // namespace flipdns::dns
