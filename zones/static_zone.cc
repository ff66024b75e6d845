#include "zones/static_zone.h"

#include "resolver/dns/wire.h"

namespace flipdns::zones {
namespace {

void append32(std::string& out, int64_t v) {
  uint8_t b[4];
  dns::put32(b, static_cast<uint32_t>(v));
  out.append(reinterpret_cast<const char*>(b), 4);
}

uint32_t ttl_of(const Located<int64_t>& ttl) {
  return static_cast<uint32_t>(ttl.value);
}

}  // namespace

std::string soa_rdata(const Soa& soa) {
  std::string out = soa.mname.value + soa.rname.value;
  append32(out, soa.serial.value);
  append32(out, soa.refresh.value);
  append32(out, soa.retry.value);
  append32(out, soa.expire.value);
  append32(out, soa.minimum.value);
  return out;
}

namespace {

zone::ZoneBuilder apex_builder(const ZoneConfig& zone) {
  zone::ZoneBuilder b(zone.origin.value, zone.file);
  b.expect_records(zone.records.size() + zone.ns.size() + 1);  // not rehashed as it grows
  uint32_t ttl = ttl_of(zone.ttl);
  b.add(zone.origin.value, dns::type::SOA, ttl, soa_rdata(zone.soa), zone.file, zone.soa.at.line);
  for (const auto& ns : zone.ns)
    b.add(zone.origin.value, dns::type::NS, ttl, ns.value, zone.file, ns.at.line);
  return b;
}

void add_record(zone::ZoneBuilder& b, const Record& r) {
  b.add(r.owner.value, r.type.value, ttl_of(r.ttl), r.rdata, r.at.file, r.at.line);
}

}  // namespace

zone::ZoneBuilder static_zone_builder(const ZoneConfig& zone) {
  zone::ZoneBuilder b = apex_builder(zone);
  for (const Record& r : zone.records) add_record(b, r);
  return b;
}

zone::ZoneBuilder take_static_zone_builder(ZoneConfig& zone) {
  zone::ZoneBuilder b = apex_builder(zone);
  zone.taken_records.clear();
  zone.taken_records.reserve(zone.records.size());
  for (Record& r : zone.records) {
    zone.taken_records.push_back({r.at.line, r.at.column, r.from_include});
    add_record(b, r);  // may throw: the records not yet taken stay as they are
    r = Record{};      // its heap blocks go now, not after the last record
  }
  std::vector<Record>().swap(zone.records);
  return b;
}

}  // namespace flipdns::zones
