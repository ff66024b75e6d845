// Wire-format constants and big-endian helpers shared by every stage of a query.
#pragma once

#include <cstddef>
#include <cstdint>

namespace flipdns::dns {

inline constexpr std::size_t kHeaderSize = 12;
inline constexpr std::size_t kMaxNameLen = 255;
inline constexpr std::size_t kMaxUdpPayload = 1232;  // DNS Flag Day 2020
inline constexpr std::size_t kMinUdpPayload = 512;   // RFC 1035 / RFC 6891 floor
inline constexpr std::size_t kMaxMessage = 65535;
inline constexpr std::size_t kOptRrSize = 11;  // root owner + type, class, ttl, rdlen

namespace type {
inline constexpr uint16_t A = 1, NS = 2, CNAME = 5, SOA = 6, PTR = 12, HINFO = 13, MX = 15,
                          TXT = 16, AAAA = 28, SRV = 33, NAPTR = 35, DNAME = 39, OPT = 41, DS = 43,
                          RRSIG = 46, NSEC = 47, DNSKEY = 48, NSEC3 = 50, SVCB = 64, HTTPS = 65,
                          IXFR = 251, AXFR = 252, MAILB = 253, MAILA = 254, ANY = 255, CAA = 257;
}  // namespace type

namespace cls {
inline constexpr uint16_t IN = 1, CH = 3, NONE = 254, ANY = 255;
}

namespace rcode {
inline constexpr uint8_t NOERROR = 0, FORMERR = 1, SERVFAIL = 2, NXDOMAIN = 3, NOTIMP = 4,
                         REFUSED = 5, NOTAUTH = 9;
inline constexpr uint16_t BADVERS = 16;  // extended: upper 8 bits live in the OPT TTL
}  // namespace rcode

namespace opcode {
inline constexpr uint8_t QUERY = 0, IQUERY = 1, STATUS = 2, NOTIFY = 4, UPDATE = 5;
}

// Header flag bits in the 16-bit flags word (RFC 1035 4.1.1, RFC 4035 for AD/CD).
namespace flag {
inline constexpr uint16_t QR = 0x8000, AA = 0x0400, TC = 0x0200, RD = 0x0100, RA = 0x0080,
                          AD = 0x0020, CD = 0x0010;
}
inline constexpr uint32_t kEdnsDo = 0x8000;  // DO bit within the OPT TTL's low 16 bits

inline uint16_t get16(const uint8_t* p) {
  return static_cast<uint16_t>((p[0] << 8) | p[1]);
}
inline uint32_t get32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
inline void put16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}
inline void put32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

}  // namespace flipdns::dns
