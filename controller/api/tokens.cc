#include "controller/api/tokens.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cctype>
#include <fstream>
#include <sstream>

namespace flipdns::api {
namespace {

std::array<unsigned char, 32> sha256(std::string_view s) {
  std::array<unsigned char, 32> out{};
  unsigned int len = 0;
  EVP_Digest(s.data(), s.size(), out.data(), &len, EVP_sha256(), nullptr);
  return out;
}

bool printable_token(std::string_view t) {
  for (unsigned char c : t)
    if (c <= 0x20 || c == 0x7f) return false;
  return !t.empty();
}

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

std::string_view to_string(Role r) {
  return r == Role::kOperator ? "operator" : "read";
}

std::string Identity::actor() const {
  std::string out(to_string(role));
  if (!name.empty()) out += ":" + name;
  return out;
}

TokenTable TokenTable::parse(std::string_view text, const std::string& file) {
  TokenTable t;
  std::istringstream in{std::string(text)};
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto w = words(line);
    if (w.empty() || w[0].front() == '#') continue;
    const std::string where = file + ":" + std::to_string(n) + ": ";
    if (w.size() < 2 || w.size() > 3)
      throw TokenError(where + "expected ROLE TOKEN [NAME] (ROLE: read or operator)");
    Identity who;
    if (w[0] == "read")
      who.role = Role::kRead;
    else if (w[0] == "operator")
      who.role = Role::kOperator;
    else
      throw TokenError(where + "unknown role '" + std::string(w[0]) + "' (read or operator)");
    if (!printable_token(w[1])) throw TokenError(where + "the token has control characters");
    if (w.size() == 3) who.name = std::string(w[2]);
    Entry e{sha256(w[1]), std::move(who)};
    for (const Entry& other : t.entries_)
      if (other.digest == e.digest) throw TokenError(where + "this token is listed twice");
    t.entries_.push_back(std::move(e));
  }
  if (t.entries_.empty()) throw TokenError(file + ": no tokens");
  return t;
}

TokenTable TokenTable::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw TokenError(file.string() + ": cannot read the tokens file");
  std::stringstream s;
  s << in.rdbuf();
  return parse(s.str(), file.string());
}

std::optional<Identity> TokenTable::authenticate(std::string_view authorization) const {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i])
      return std::nullopt;
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  // Every entry is compared, match or not: the time taken says nothing about
  // which token, if any, was close.
  const auto digest = sha256(token);
  const Entry* found = nullptr;
  for (const Entry& e : entries_) {
    const bool same = CRYPTO_memcmp(e.digest.data(), digest.data(), digest.size()) == 0;
    if (same) found = &e;
  }
  if (!found) return std::nullopt;
  return found->who;
}

std::string read_single_token(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw TokenError(file.string() + ": cannot read the token file");
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.pop_back();
  if (!printable_token(line))
    throw TokenError(file.string() + ": the first line must hold the token");
  return line;
}

}  // namespace flipdns::api
