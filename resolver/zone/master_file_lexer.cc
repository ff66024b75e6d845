#include "resolver/zone/master_file_lexer.h"

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace flipdns::zone {
namespace {

constexpr uint64_t kMaxTtl = 2147483647;  // RFC 2181 8

// Tokens are views: a million-record file made as many strings before.
using Token = MasterToken;
using Record = MasterRecord;

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

std::string upper(std::string_view v) {
  std::string s(v);
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

int64_t ttl_value(std::string_view t) {
  uint64_t total = 0, cur = 0;
  bool digits = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(t[i])));
    if (is_digit(c)) {
      cur = cur * 10 + static_cast<uint64_t>(c - '0');
      digits = true;
      if (cur > kMaxTtl * 10) return -1;
      continue;
    }
    uint64_t unit = c == 's'   ? 1
                    : c == 'm' ? 60
                    : c == 'h' ? 3600
                    : c == 'd' ? 86400
                    : c == 'w' ? 604800
                               : 0;
    if (!unit || !digits) return -1;
    total += cur * unit;
    cur = 0;
    digits = false;
  }
  total += cur;
  return total > kMaxTtl ? -2 : static_cast<int64_t>(total);
}

bool is_class(const std::string& u) {
  return u == "IN" || u == "CH" || u == "CS" || u == "HS" || u == "NONE" || u == "ANY" ||
         (u.size() > 5 && u.starts_with("CLASS"));
}

// Splits text into records of tokens, honouring quotes, escapes, comments and
// parentheses. A mistake in them leaves the rest unreadable: it ends the text.
template <typename OnRecord>
void tokenize(std::string_view text, const std::string& path, OnRecord&& on_record,
              const MasterErrorHandler& on_error) {
  Record cur;
  constexpr std::size_t kNoToken = std::string_view::npos;
  std::size_t tok = kNoToken;  // where the token being read starts
  std::size_t line_begin = 0;  // where the current line starts
  int line = 1, tok_line = 1, depth = 0, paren_line = 0, quote_line = 0;
  bool in_quote = false, line_start = true;
  std::size_t i = 0;
  auto flush = [&] {  // the token ends before text[i]
    if (tok != kNoToken) cur.tokens.push_back({text.substr(tok, i - tok), tok_line});
    tok = kNoToken;
  };
  auto begin = [&] {
    if (tok == kNoToken) {
      tok = i;
      tok_line = line;
      if (cur.tokens.empty()) cur.column = static_cast<int>(i - line_begin) + 1;
    }
  };
  auto end_record = [&] {
    flush();
    if (!cur.tokens.empty()) on_record(cur);
    cur.tokens.clear();
  };
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (line_start) {  // a line inside parentheses continues its record
      if (depth == 0 && !in_quote) {
        cur.owner_omitted = (c == ' ' || c == '\t');
        cur.line = line;
      }
      line_start = false;
    }
    if (in_quote) {
      if (c == '\\' && i + 1 < text.size()) {
        if (text[++i] == '\n') {
          ++line;
          line_begin = i + 1;
        }
        continue;
      }
      if (c == '"') in_quote = false;
      if (c == '\n') {
        ++line;
        line_begin = i + 1;
      }
      continue;
    }
    switch (c) {
      case '\\':
        begin();
        if (i + 1 < text.size() && text[++i] == '\n') {  // an escaped newline is data
          ++line;
          line_begin = i + 1;
        }
        break;
      case '"':
        begin();
        in_quote = true;
        quote_line = line;
        break;
      case ';':
        flush();
        while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
        break;
      case '(':
        flush();
        if (depth++ == 0) paren_line = line;
        break;
      case ')':
        flush();
        if (--depth < 0) return on_error(ZoneError(path, line, "')' without a matching '('"));
        break;
      case '\n':
        if (depth == 0)
          end_record();
        else
          flush();
        ++line;
        line_begin = i + 1;
        line_start = true;
        break;
      case ' ':
      case '\t':
      case '\r':
        flush();
        break;
      default:
        begin();
    }
  }
  if (in_quote) return on_error(ZoneError(path, quote_line, "quoted string is never closed"));
  if (depth > 0) return on_error(ZoneError(path, paren_line, "'(' is never closed"));
  end_record();
}

void check_number(const Token& t, uint64_t max, const std::string& what, const std::string& path) {
  bool ok = !t.text.empty() && t.text.size() <= 10;
  uint64_t v = 0;
  for (char c : t.text) {
    ok = ok && is_digit(c);
    if (ok) v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (ok && v > max)
    throw ZoneError(
        path, t.line,
        what + " " + std::string(t.text) + " is out of range (0-" + std::to_string(max) + ")");
}

void check_record(const Record& r, const std::string& path);

}  // namespace

void lex_master_text(std::string_view text, const std::string& path,
                     const std::function<void(const MasterRecord&)>& on_record,
                     const MasterErrorHandler& on_error) {
  tokenize(
      text, path,
      [&](const Record& r) {
        try {
          check_record(r, path);
        } catch (const ZoneError& e) {
          return on_error(e);
        }
        on_record(r);
      },
      on_error);
}

void throw_master_error(const ZoneError& e) {
  throw e;
}

int64_t master_ttl_value(std::string_view text) {
  return ttl_value(text);
}

namespace {

void check_record(const Record& r, const std::string& path) {
  const auto& t = r.tokens;
  if (t[0].text[0] == '$') {
    std::string d = upper(t[0].text);
    if (d != "$ORIGIN" && d != "$TTL" && d != "$INCLUDE")
      throw ZoneError(path, t[0].line, "unknown directive " + std::string(t[0].text));
    if (d == "$TTL" && t.size() > 1 && ttl_value(t[1].text) < 0)
      throw ZoneError(path, t[1].line, "bad $TTL value '" + std::string(t[1].text) + "'");
    return;
  }
  std::size_t i = r.owner_omitted ? 0 : 1;
  for (; i < t.size() && i < 4; ++i) {
    std::string u = upper(t[i].text);
    if (is_class(u)) continue;
    if (is_digit(t[i].text[0])) {
      int64_t ttl = ttl_value(t[i].text);
      if (ttl == -2)
        throw ZoneError(path, t[i].line,
                        "TTL " + std::string(t[i].text) + " is above 2147483647 (RFC 2181 8)");
      if (ttl < 0) throw ZoneError(path, t[i].line, "bad TTL '" + std::string(t[i].text) + "'");
      continue;
    }
    break;  // the type
  }
  if (i >= t.size()) return;  // ldns reports a record without a type
  std::string type = upper(t[i].text);
  auto field = [&](std::size_t k) -> const Token* {
    return i + 1 + k < t.size() ? &t[i + 1 + k] : nullptr;
  };
  // 16-bit integer fields that ldns would silently wrap.
  int sixteen = 0;
  if (type == "MX" || type == "KX" || type == "AFSDB") sixteen = 1;
  if (type == "SRV") sixteen = 3;
  for (int k = 0; k < sixteen; ++k)
    if (const Token* f = field(static_cast<std::size_t>(k))) check_number(*f, 65535, "value", path);
  if (type == "SOA")
    for (std::size_t k = 2; k < 7; ++k)
      if (const Token* f = field(k); f && is_digit(f->text[0]) && ttl_value(f->text) < 0)
        throw ZoneError(path, f->line, "bad SOA number '" + std::string(f->text) + "'");
}

}  // namespace
}  // namespace flipdns::zone
