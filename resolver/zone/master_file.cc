#include "resolver/zone/master_file.h"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "resolver/dns/name.h"
#include "resolver/zone/master_record_parser.h"
#include "resolver/zone/zone_builder.h"

namespace flipdns::zone {
namespace {

struct FileClose {
  void operator()(FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, FileClose>;

constexpr int kMaxIncludeDepth = 8;
// For records without a TTL in a file without $TTL, as ldns defaults.
constexpr uint32_t kDefaultTtl = 3600;

std::string read_file(const std::string& path, const std::string& from, int from_line) {
  auto text = read_master_text(path);
  if (!text) throw ZoneError(from, from_line, "cannot open " + path);
  return std::move(*text);
}

// Reads one master file into the builder, following $INCLUDE (ldns does not).
class MasterFileReader {
 public:
  explicit MasterFileReader(ZoneBuilder& b) : b_(b) {}

  // An included file starts with the includer's default TTL; like its $ORIGIN
  // (RFC 1035 5.1), its $TTL does not leak back.
  void read(const std::string& path, const std::string& origin, uint32_t default_ttl,
            const std::string& from, int from_line, int depth) {
    if (depth > kMaxIncludeDepth) throw ZoneError(from, from_line, "$INCLUDE nested too deeply");
    std::string text = read_file(path, from, from_line);
    // A record takes 25 octets or more in any file worth sizing for.
    b_.expect_records(text.size() / 25);
    MasterRecordParser parser(origin, default_ttl);
    lex_master_text(text, path, [&](const MasterRecord& r) {
      if (master_directive(r) == "$INCLUDE") return include(r, path, parser, depth);
      if (auto rr = parser.parse(r, path))
        b_.add(rr->owner, rr->type, rr->ttl, rr->rdata, path, r.line);
    });
  }

 private:
  void include(const MasterRecord& r, const std::string& path, const MasterRecordParser& parser,
               int depth) {
    const auto& t = r.tokens;
    if (t.size() < 2) throw ZoneError(path, r.line, "$INCLUDE without a file name");
    if (t.size() > 3) throw ZoneError(path, r.line, "$INCLUDE takes a file name and an origin");
    std::filesystem::path p(t[1].text);
    if (p.is_relative()) p = std::filesystem::path(path).parent_path() / p;
    std::string origin = parser.origin();
    if (t.size() == 3) {
      auto parsed = dns::from_text(t[2].text, origin);
      if (!parsed)
        throw ZoneError(path, r.line, "bad origin in $INCLUDE: " + std::string(t[2].text));
      origin = *parsed;
    }
    read(p.string(), origin, parser.default_ttl(), path, r.line, depth + 1);
  }

  ZoneBuilder& b_;
};

}  // namespace

std::optional<std::string> read_master_text(const std::string& path) {
  FilePtr f(std::fopen(path.c_str(), "rb"));
  if (!f) return std::nullopt;
  std::string text;
  std::error_code ec;
  if (auto size = std::filesystem::file_size(path, ec); !ec) text.reserve(size);
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) text.append(buf, n);
  if (std::ferror(f.get())) return std::nullopt;
  return text;
}

std::unique_ptr<Zone> read_master_file(std::string_view origin, const std::string& path) {
  auto o = dns::from_text(origin.ends_with('.') ? std::string(origin) : std::string(origin) + ".");
  if (!o) throw ZoneError(path, 0, "bad zone origin '" + std::string(origin) + "'");
  ZoneBuilder b(*o, path);
  MasterFileReader(b).read(path, *o, kDefaultTtl, path, 0, 0);
  return b.build();
}

}  // namespace flipdns::zone
