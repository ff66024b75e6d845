#include "resolver/zone/master_file.h"

#include <stdio_ext.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <vector>

#include "resolver/dns/ldns_ptr.h"
#include "resolver/dns/name.h"
#include "resolver/zone/master_file_check.h"
#include "resolver/zone/zone_builder.h"

namespace flipdns::zone {
namespace {

using dns::BufferPtr;
using dns::RdfPtr;
using dns::RrPtr;

struct FileClose {
  void operator()(FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, FileClose>;

constexpr int kMaxIncludeDepth = 8;

// Read straight into one string of the file's size: a 50 MB zone through a
// stringstream was copied twice more.
std::string read_file(const std::string& path, const std::string& from, int from_line) {
  FilePtr f(std::fopen(path.c_str(), "rb"));
  if (!f) throw ZoneError(from, from_line, "cannot open " + path);
  std::string text;
  std::error_code ec;
  if (auto size = std::filesystem::file_size(path, ec); !ec) text.reserve(size);
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) text.append(buf, n);
  if (std::ferror(f.get())) throw ZoneError(from, from_line, "cannot read " + path);
  return text;
}

// Reads one master file into the builder. ldns parses the records and the $ORIGIN
// and $TTL directives; $INCLUDE is split out here because ldns does not follow it.
class MasterFileReader {
 public:
  explicit MasterFileReader(ZoneBuilder& b) : b_(b) {}

  void read(const std::string& path, const std::string& origin_wire, const std::string& from,
            int from_line, int depth) {
    if (depth > kMaxIncludeDepth) throw ZoneError(from, from_line, "$INCLUDE nested too deeply");
    std::string text = read_file(path, from, from_line);
    check_master_text(text, path);
    // A record takes 25 octets or more in any file worth sizing for.
    b_.expect_records(text.size() / 25);
    RdfPtr origin(
        ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, origin_wire.size(), origin_wire.data()));
    std::size_t chunk_start = 0;
    int chunk_line = 1, line = 1;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t eol = text.find('\n', pos);
      if (eol == std::string::npos) eol = text.size();
      std::string_view l(text.data() + pos, eol - pos);
      if (l.starts_with("$INCLUDE") || l.starts_with("$include")) {
        parse_chunk(std::string_view(text).substr(chunk_start, pos - chunk_start), path, chunk_line,
                    origin);
        include(l, path, line, origin, depth);
        chunk_start = eol + 1;
        chunk_line = line + 1;
      }
      pos = eol + 1;
      ++line;
    }
    if (chunk_start < text.size())
      parse_chunk(std::string_view(text).substr(chunk_start), path, chunk_line, origin);
  }

 private:
  void include(std::string_view line, const std::string& path, int line_no, RdfPtr& origin,
               int depth) {
    std::istringstream words{std::string(line)};
    std::string directive, file, inc_origin;
    words >> directive >> file >> inc_origin;
    if (file.empty()) throw ZoneError(path, line_no, "$INCLUDE without a file name");
    std::filesystem::path p(file);
    if (p.is_relative()) p = std::filesystem::path(path).parent_path() / p;
    std::string cur(reinterpret_cast<const char*>(ldns_rdf_data(origin.get())),
                    ldns_rdf_size(origin.get()));
    std::string o = cur;
    if (!inc_origin.empty() && inc_origin[0] != ';') {
      auto parsed = dns::from_text(inc_origin, cur);
      if (!parsed) throw ZoneError(path, line_no, "bad origin in $INCLUDE: " + inc_origin);
      o = *parsed;
    }
    // RFC 1035 5.1: the included file's $ORIGIN does not leak back into this one.
    read(p.string(), o, path, line_no, depth + 1);
  }

  void parse_chunk(std::string_view chunk, const std::string& path, int first_line,
                   RdfPtr& origin) {
    if (chunk.empty()) return;
    FilePtr f(fmemopen(const_cast<char*>(chunk.data()), chunk.size(), "r"));
    if (!f) throw ZoneError(path, first_line, "cannot read");
    // ldns reads a character at a time; the stream is ours alone, so skip stdio's lock.
    __fsetlocking(f.get(), FSETLOCKING_BYCALLER);
    int line_nr = first_line - 1;
    while (true) {
      ldns_rr* raw = nullptr;
      ldns_rdf* o = origin.release();
      ldns_rdf* prev = prev_.release();
      int before = line_nr;
      ldns_status st = ldns_rr_new_frm_fp_l(&raw, f.get(), &default_ttl_, &o, &prev, &line_nr);
      origin.reset(o);
      prev_.reset(prev);
      RrPtr rr(raw);
      if (st == LDNS_STATUS_SYNTAX_EMPTY) {
        if (std::feof(f.get())) break;
        continue;
      }
      if (st == LDNS_STATUS_SYNTAX_TTL || st == LDNS_STATUS_SYNTAX_ORIGIN) continue;
      if (st != LDNS_STATUS_OK) {
        if (std::feof(f.get()) && st == LDNS_STATUS_SYNTAX_ERR && line_nr == before) break;
        throw ZoneError(path, std::max(line_nr, first_line), ldns_get_errorstr_by_id(st));
      }
      add(rr.get(), path, std::max(line_nr, first_line));
    }
  }

  void add(const ldns_rr* rr, const std::string& path, int line) {
    if (ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN)
      throw ZoneError(path, line, "class other than IN");
    const ldns_rdf* owner = ldns_rr_owner(rr);
    std::string_view owner_wire(reinterpret_cast<const char*>(ldns_rdf_data(owner)),
                                ldns_rdf_size(owner));
    ldns_buffer_clear(buf_.get());
    if (ldns_rr_rdata2buffer_wire(buf_.get(), rr) != LDNS_STATUS_OK)
      throw ZoneError(path, line, "cannot encode rdata");
    std::string_view rdata(reinterpret_cast<const char*>(ldns_buffer_begin(buf_.get())),
                           ldns_buffer_position(buf_.get()));
    b_.add(owner_wire, static_cast<uint16_t>(ldns_rr_get_type(rr)), ldns_rr_ttl(rr), rdata, path,
           line);
  }

  ZoneBuilder& b_;
  uint32_t default_ttl_ = 3600;
  RdfPtr prev_;
  BufferPtr buf_{ldns_buffer_new(512)};  // every RR's rdata in turn; grows as needed
};

}  // namespace

std::unique_ptr<Zone> read_master_file(std::string_view origin, const std::string& path) {
  auto o = dns::from_text(origin.ends_with('.') ? std::string(origin) : std::string(origin) + ".");
  if (!o) throw ZoneError(path, 0, "bad zone origin '" + std::string(origin) + "'");
  ZoneBuilder b(*o, path);
  MasterFileReader(b).read(path, *o, path, 0, 0);
  return b.build();
}

}  // namespace flipdns::zone
