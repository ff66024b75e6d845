#include "resolver/zone/master_record_parser.h"

#include <cctype>

#include "resolver/dns/name.h"

namespace flipdns::zone {
namespace {

dns::RdfPtr dname_rdf(const std::string& wire) {
  return dns::RdfPtr(ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, wire.size(), wire.data()));
}

}  // namespace

std::string master_directive(const MasterRecord& r) {
  std::string_view first = r.tokens[0].text;
  if (first[0] != '$') return {};
  std::string name(first);
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

void ldns_record_text(const MasterRecord& r, std::string& out) {
  out.clear();
  if (r.owner_omitted) out += ' ';  // ldns then keeps the previous owner
  for (const auto& tok : r.tokens) {
    std::string_view t = tok.text;
    for (std::size_t i = 0; i < t.size(); ++i) {
      const bool escaped = t[i] == '\\' && i + 1 < t.size();
      const char c = escaped ? t[++i] : t[i];
      if (c == '\n') {
        out.append("\\010");  // quoted or escaped, the same octet
        continue;
      }
      if (escaped) out += '\\';
      out += c;
    }
    out += ' ';
  }
  out.pop_back();
}

MasterRecordParser::MasterRecordParser(std::string origin, uint32_t default_ttl, Ldns ldns)
    : origin_(std::move(origin)),
      origin_rdf_(dname_rdf(origin_)),
      default_ttl_(default_ttl),
      ldns_(ldns),
      rdata_(ldns_buffer_new(512)) {}

void MasterRecordParser::directive(const std::string& name, const MasterRecord& r,
                                   const std::string& path) {
  const auto& t = r.tokens;
  if (name == "$ORIGIN") {
    if (t.size() != 2) throw ZoneError(path, r.line, "$ORIGIN takes one domain name");
    // A relative $ORIGIN is relative to the current one (RFC 1035 5.1).
    auto parsed = dns::from_text(t[1].text, origin_);
    if (!parsed) throw ZoneError(path, r.line, "bad $ORIGIN name '" + std::string(t[1].text) + "'");
    origin_ = *parsed;
    origin_rdf_ = dname_rdf(origin_);
  } else if (name == "$TTL") {
    if (t.size() != 2) throw ZoneError(path, r.line, "$TTL takes one value");
    // The lexer has refused a malformed or out-of-range value.
    default_ttl_ = static_cast<uint32_t>(master_ttl_value(t[1].text));
  } else {
    throw ZoneError(path, r.line, name + " is not allowed here");
  }
}

std::optional<MasterRR> MasterRecordParser::parse(const MasterRecord& r, const std::string& path) {
  if (std::string name = master_directive(r); !name.empty()) {
    directive(name, r, path);
    return std::nullopt;
  }
  if (ldns_ == Ldns::kAll || !read_common_rr(r, {origin_, default_ttl_, prev_owner_}, rr_))
    parse_with_ldns(r, path);
  prev_owner_ = rr_.owner;
  return MasterRR{rr_.owner, rr_.type, rr_.ttl, rr_.rdata};
}

void MasterRecordParser::parse_with_ldns(const MasterRecord& r, const std::string& path) {
  ldns_record_text(r, line_);
  ldns_rr* raw = nullptr;
  ldns_rdf* prev = prev_owner_.empty() ? nullptr : dname_rdf(prev_owner_).release();
  ldns_status st = ldns_rr_new_frm_str(&raw, line_.c_str(), default_ttl_, origin_rdf_.get(), &prev);
  dns::RdfPtr prev_owned(prev);
  dns::RrPtr rr(raw);
  if (st != LDNS_STATUS_OK) throw ZoneError(path, r.line, ldns_get_errorstr_by_id(st));
  if (ldns_rr_get_class(rr.get()) != LDNS_RR_CLASS_IN)
    throw ZoneError(path, r.line, "class other than IN");
  ldns_buffer_clear(rdata_.get());
  if (ldns_rr_rdata2buffer_wire(rdata_.get(), rr.get()) != LDNS_STATUS_OK)
    throw ZoneError(path, r.line, "cannot encode the rdata");
  const ldns_rdf* owner = ldns_rr_owner(rr.get());
  rr_.owner.assign(reinterpret_cast<const char*>(ldns_rdf_data(owner)), ldns_rdf_size(owner));
  rr_.type = static_cast<uint16_t>(ldns_rr_get_type(rr.get()));
  // ldns reads a default TTL of 0 as "none" and gives 3600 (rr.c); $TTL 0 is 0.
  rr_.ttl = has_own_ttl(r) ? ldns_rr_ttl(rr.get()) : default_ttl_;
  rr_.rdata.assign(reinterpret_cast<const char*>(ldns_buffer_begin(rdata_.get())),
                   ldns_buffer_position(rdata_.get()));
}

}  // namespace flipdns::zone
