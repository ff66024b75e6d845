#include "tests/fuzz/message_walk.h"

namespace flipdns::fuzz {
namespace {

constexpr std::size_t kHeader = 12;
constexpr uint16_t kTypeOpt = 41;

uint16_t get16(std::span<const uint8_t> m, std::size_t at) {
  return static_cast<uint16_t>((m[at] << 8) | m[at + 1]);
}

// Reads the name starting at `pos`. On success `pos` is just past the name as it
// sits in the message (after the first pointer, if any) and `copy`, when given,
// holds the decompressed name. Backward-only pointers guarantee termination.
bool read_name(std::span<const uint8_t> m, std::size_t& pos, bool& used_pointer,
               uint8_t* copy = nullptr, std::size_t* copy_len = nullptr) {
  std::size_t p = pos;
  std::size_t total = 0;
  bool jumped = false;
  used_pointer = false;
  while (true) {
    if (p >= m.size()) return false;
    uint8_t len = m[p];
    if ((len & 0xC0) == 0xC0) {
      if (p + 1 >= m.size()) return false;
      std::size_t target = (static_cast<std::size_t>(len & 0x3F) << 8) | m[p + 1];
      if (target < kHeader || target >= p) return false;
      if (!jumped) pos = p + 2;
      jumped = true;
      used_pointer = true;
      p = target;
      continue;
    }
    if (len & 0xC0) return false;  // 0x40 and 0x80 label types are obsolete/unused
    if (total + len + 1 > 255) return false;
    if (copy) {
      if (p + 1 + len > m.size()) return false;
      for (std::size_t i = 0; i <= len; ++i) copy[total + i] = m[p + i];
    }
    total += len + 1;
    if (len == 0) {
      if (!jumped) pos = p + 1;
      if (copy_len) *copy_len = total;
      return true;
    }
    p += len + 1;
  }
}

}  // namespace

std::optional<MessageShape> walk_message(std::span<const uint8_t> m) {
  if (m.size() < kHeader) return std::nullopt;
  MessageShape s;
  s.id = get16(m, 0);
  s.flags = get16(m, 2);
  s.qdcount = get16(m, 4);
  s.ancount = get16(m, 6);
  s.nscount = get16(m, 8);
  s.arcount = get16(m, 10);

  std::size_t pos = kHeader;
  for (uint16_t i = 0; i < s.qdcount; ++i) {
    bool ptr = false;
    if (!read_name(m, pos, ptr)) return std::nullopt;
    if (pos + 4 > m.size()) return std::nullopt;
    if (i == 0) s.qtype = get16(m, pos);
    s.question_uses_pointer |= ptr;
    pos += 4;
  }
  s.question_end = pos;

  const uint16_t counts[3] = {s.ancount, s.nscount, s.arcount};
  for (int section = 0; section < 3; ++section) {
    for (uint16_t i = 0; i < counts[section]; ++i) {
      std::size_t owner_at = pos;
      bool ptr = false;
      if (!read_name(m, pos, ptr)) return std::nullopt;
      if (pos + 10 > m.size()) return std::nullopt;
      uint16_t type = get16(m, pos);
      uint16_t cls = get16(m, pos + 2);
      uint16_t rdlen = get16(m, pos + 8);
      pos += 10;
      if (pos + rdlen > m.size()) return std::nullopt;
      pos += rdlen;
      if (type == kTypeOpt) {
        if (section == 2) {
          ++s.opt_in_additional;
          s.opt_udp_size = cls;
        } else {
          ++s.opt_elsewhere;
        }
        if (m[owner_at] != 0) s.opt_owner_is_root = false;
      }
    }
  }
  if (pos != m.size()) return std::nullopt;
  return s;
}

std::size_t first_question_name(std::span<const uint8_t> m, std::span<uint8_t, 255> out) {
  if (m.size() < kHeader || get16(m, 4) == 0) return 0;
  std::size_t pos = kHeader;
  std::size_t len = 0;
  bool ptr = false;
  if (!read_name(m, pos, ptr, out.data(), &len)) return 0;
  return len;
}

}  // namespace flipdns::fuzz
