#include "resolver/zone/common_rr.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>

#include "resolver/dns/ldns_ptr.h"
#include "resolver/dns/name.h"
#include "resolver/dns/wire.h"

namespace flipdns::zone {
namespace {

enum class Field : uint8_t { kIpv4, kIpv6, kName, kU16, kString };

struct TypeShape {
  std::string_view name;  // upper case
  uint16_t type;
  std::array<Field, 4> fields;
  std::size_t count;
  bool last_repeats = false;  // TXT: one or more strings
};

constexpr TypeShape kTypes[] = {
    {"A", dns::type::A, {Field::kIpv4}, 1},
    {"AAAA", dns::type::AAAA, {Field::kIpv6}, 1},
    {"NS", dns::type::NS, {Field::kName}, 1},
    {"CNAME", dns::type::CNAME, {Field::kName}, 1},
    {"PTR", dns::type::PTR, {Field::kName}, 1},
    {"MX", dns::type::MX, {Field::kU16, Field::kName}, 2},
    {"SRV", dns::type::SRV, {Field::kU16, Field::kU16, Field::kU16, Field::kName}, 4},
    {"TXT", dns::type::TXT, {Field::kString}, 1, true},
};

// ldns's token buffers (rr.c): longer tokens make it fail, so they are its to
// report.
constexpr std::size_t kMaxNameText = 255, kMaxTtlText = 20;

bool equals_upper(std::string_view token, std::string_view upper) {
  if (token.size() != upper.size()) return false;
  for (std::size_t i = 0; i < token.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(token[i])) != upper[i]) return false;
  return true;
}

// Quotes and escapes are read by each tokenizer in its own way, ldns's C
// strings end at a NUL, and ldns_bget_token reads a carriage return, even in
// quotes, as a blank: such a record is ldns's to read.
bool plain(std::string_view token) {
  constexpr std::string_view kSpecial("\"\\\0\r\n", 5);
  return token.find_first_of(kSpecial) == std::string_view::npos;
}

// A character-string's text: a plain token, or one in quotes with nothing
// special between them.
std::optional<std::string_view> string_text(std::string_view token) {
  if (token.size() >= 2 && token.front() == '"' && token.back() == '"')
    token = token.substr(1, token.size() - 2);
  if (!plain(token)) return std::nullopt;
  return token;
}

const TypeShape* shape_of(std::string_view token) {
  for (const TypeShape& t : kTypes)
    if (equals_upper(token, t.name)) return &t;
  return nullptr;
}

// A name as ldns reads one in a record: "@" is the origin, and a name without
// its final dot is relative to it (dns::append_from_text, as $ORIGIN is read).
bool append_name(std::string_view text, std::string_view origin, std::string& out,
                 std::string& scratch) {
  if (text.size() > kMaxNameText) return false;
  if (text != "@" && text.starts_with('@')) return false;  // ldns reads some ("@.x") as "@"
  return dns::append_from_text(text, origin, out, scratch);
}

bool append_address(std::string_view text, int family, std::string& out, std::string& scratch) {
  scratch.assign(text);
  std::array<char, 16> bytes{};
  if (inet_pton(family, scratch.c_str(), bytes.data()) != 1) return false;
  out.append(bytes.data(), family == AF_INET ? 4 : 16);
  return true;
}

// Digits only: a sign or blank, which ldns's strtol would take, is ldns's to read.
bool append_u16(std::string_view text, std::string& out) {
  uint16_t v = 0;
  const char* end = text.data() + text.size();
  auto [stop, err] = std::from_chars(text.data(), end, v);
  if (err != std::errc() || stop != end) return false;
  out += static_cast<char>(v >> 8);
  out += static_cast<char>(v & 0xff);
  return true;
}

// A character-string through ldns_str2rdf_str, which holds it to 255 octets.
bool append_string(std::string_view token, std::string& out, std::string& scratch) {
  std::optional<std::string_view> text = string_text(token);
  if (!text) return false;
  scratch.assign(*text);
  ldns_rdf* raw = nullptr;
  if (ldns_str2rdf_str(&raw, scratch.c_str()) != LDNS_STATUS_OK || raw == nullptr) return false;
  dns::RdfPtr rdf(raw);
  out.append(reinterpret_cast<const char*>(ldns_rdf_data(rdf.get())), ldns_rdf_size(rdf.get()));
  return true;
}

bool append_field(Field f, std::string_view text, std::string_view origin, std::string& out,
                  std::string& scratch) {
  if (f == Field::kString) return append_string(text, out, scratch);
  if (!plain(text)) return false;
  switch (f) {
    case Field::kIpv4:
      return append_address(text, AF_INET, out, scratch);
    case Field::kIpv6:
      return append_address(text, AF_INET6, out, scratch);
    case Field::kName:
      return append_name(text, origin, out, scratch);
    case Field::kU16:
      return append_u16(text, out);
    case Field::kString:
      break;
  }
  return false;
}

}  // namespace

bool has_own_ttl(const MasterRecord& r) {
  std::size_t i = r.owner_omitted ? 0 : 1;
  return i < r.tokens.size() && std::isdigit(static_cast<unsigned char>(r.tokens[i].text[0]));
}

bool read_common_rr(const MasterRecord& r, const RecordContext& at, CommonRR& out) {
  const auto& t = r.tokens;
  std::string& scratch = out.text;
  out.owner.clear();
  std::size_t i = 0;
  if (r.owner_omitted) {
    if (at.prev_owner.empty()) return false;
    out.owner.assign(at.prev_owner);
  } else if (!append_field(Field::kName, t[i++].text, at.origin, out.owner, scratch)) {
    return false;
  }
  out.ttl = at.default_ttl;
  if (has_own_ttl(r)) {
    if (t[i].text.size() > kMaxTtlText) return false;
    int64_t ttl = master_ttl_value(t[i++].text);
    if (ttl < 0) return false;
    out.ttl = static_cast<uint32_t>(ttl);
  }
  if (i < t.size() && equals_upper(t[i].text, "IN")) ++i;
  if (i >= t.size()) return false;
  const TypeShape* shape = shape_of(t[i++].text);
  if (shape == nullptr) return false;
  const std::size_t fields = t.size() - i;
  if (shape->last_repeats ? fields < shape->count : fields != shape->count) return false;
  out.type = shape->type;
  out.rdata.clear();
  for (std::size_t k = 0; k < fields; ++k) {
    Field f = shape->fields[std::min(k, shape->count - 1)];
    if (!append_field(f, t[i + k].text, at.origin, out.rdata, scratch)) return false;
  }
  return out.rdata.size() <= 65535;
}

}  // namespace flipdns::zone
