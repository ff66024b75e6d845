#include "zones/include_file.h"

#include <stdio_ext.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "resolver/dns/ldns_ptr.h"
#include "resolver/dns/name.h"

namespace flipdns::zones {
namespace {

struct FileClose {
  void operator()(FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, FileClose>;

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

std::string_view directive_of(std::string_view text) {
  std::size_t end = text.find_first_of(" \t\r\n");
  return text.substr(0, end);
}

bool read_whole_file(const std::filesystem::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  auto size = in.tellg();
  if (size < 0) return false;
  out.resize(static_cast<std::size_t>(size));
  in.seekg(0);
  return static_cast<bool>(in.read(out.data(), size)) || size == 0;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

}  // namespace

std::vector<MasterEntry> split_master_entries(std::string_view text) {
  std::vector<MasterEntry> out;
  std::size_t entry_start = 0;  // start of the entry's first line
  int line = 1, column = 0;
  int content_line = 0, content_column = 0;  // first non-blank, non-comment character
  int depth = 0;
  bool in_quotes = false, in_comment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    ++column;
    if (c == '\n') {
      in_comment = false;
      if (depth == 0 && !in_quotes) {
        if (content_line != 0)
          out.push_back({text.substr(entry_start, i - entry_start), content_line, content_column});
        entry_start = i + 1;
        content_line = 0;
      }
      ++line;
      column = 0;
      continue;
    }
    if (in_comment) continue;
    if (content_line == 0 && !is_blank(c) && c != ';') {
      content_line = line;
      content_column = column;
    }
    if (c == '\\') {
      if (i + 1 < text.size() && text[i + 1] != '\n') {
        ++i;
        ++column;
      }
      continue;
    }
    if (in_quotes) {
      if (c == '"') in_quotes = false;
      continue;
    }
    switch (c) {
      case '"':
        in_quotes = true;
        break;
      case ';':
        in_comment = true;
        break;
      case '(':
        ++depth;
        break;
      case ')':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  if (content_line != 0) out.push_back({text.substr(entry_start), content_line, content_column});
  return out;
}

void read_include_file(const std::filesystem::path& path, const std::string& label,
                       std::string_view origin, uint32_t default_ttl, std::vector<Record>& out,
                       ConfigErrors& errors) {
  std::string text;
  if (!read_whole_file(path, text)) {
    add_error(errors, Location{label, 0, 0}, "cannot read the include file");
    return;
  }
  const FileName file(label);  // shared by every record's positions

  dns::RdfPtr cur_origin(ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, origin.size(), origin.data()));
  dns::RdfPtr prev;
  uint32_t ttl = default_ttl;
  dns::BufferPtr buf(ldns_buffer_new(256));  // each record's rdata in turn
  std::vector<MasterEntry> entries = split_master_entries(text);
  out.reserve(out.size() + entries.size());
  std::string last;  // the final entry with the newline the file may lack
  for (const MasterEntry& e : entries) {
    Location at{file, e.line, e.column};
    std::string_view directive = directive_of(e.text.substr(e.column - 1));
    if (iequals(directive, "$INCLUDE")) {
      add_error(errors, at, "$INCLUDE is not allowed in an include file; list the records here");
      continue;
    }
    // ldns reads each entry as a stream of its own, ended by a newline: the one
    // that follows it in the file, so the text is not copied.
    std::size_t offset = static_cast<std::size_t>(e.text.data() - text.data());
    std::string_view entry(e.text.data(), e.text.size() + 1);
    if (offset + entry.size() > text.size()) {
      last.assign(e.text);
      last += '\n';
      entry = last;
    }
    // "r" only reads; fmemopen's parameter is not const for its other modes.
    FilePtr f(fmemopen(const_cast<char*>(entry.data()), entry.size(), "r"));
    if (!f) {
      add_error(errors, at, "cannot read");
      return;
    }
    // ldns reads a character at a time; the stream is ours alone, so skip stdio's lock.
    __fsetlocking(f.get(), FSETLOCKING_BYCALLER);
    ldns_rr* raw = nullptr;
    ldns_rdf* o = cur_origin.release();
    ldns_rdf* p = prev.release();
    int line_nr = 0;
    ldns_status st = ldns_rr_new_frm_fp_l(&raw, f.get(), &ttl, &o, &p, &line_nr);
    cur_origin.reset(o);
    prev.reset(p);
    dns::RrPtr rr(raw);
    if (st == LDNS_STATUS_SYNTAX_TTL || st == LDNS_STATUS_SYNTAX_ORIGIN ||
        st == LDNS_STATUS_SYNTAX_EMPTY)
      continue;
    if (st != LDNS_STATUS_OK) {
      add_error(errors, at, ldns_get_errorstr_by_id(st));
      continue;
    }
    if (ldns_rr_get_class(rr.get()) != LDNS_RR_CLASS_IN) {
      add_error(errors, at, "class other than IN");
      continue;
    }
    const ldns_rdf* owner = ldns_rr_owner(rr.get());
    ldns_buffer_clear(buf.get());
    if (ldns_rr_rdata2buffer_wire(buf.get(), rr.get()) != LDNS_STATUS_OK) {
      add_error(errors, at, "cannot encode the record");
      continue;
    }
    Record r;
    r.owner.value = dns::lowered(std::string_view(
        reinterpret_cast<const char*>(ldns_rdf_data(owner)), ldns_rdf_size(owner)));
    r.owner.at = at;
    r.type = {static_cast<uint16_t>(ldns_rr_get_type(rr.get())), at};
    r.ttl = {ldns_rr_ttl(rr.get()), at};
    r.rdata.assign(reinterpret_cast<const char*>(ldns_buffer_begin(buf.get())),
                   ldns_buffer_position(buf.get()));
    r.at = at;
    r.from_include = true;
    out.push_back(std::move(r));
  }
}

}  // namespace flipdns::zones
