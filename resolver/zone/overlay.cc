#include "resolver/zone/overlay.h"

#include "resolver/dns/wire.h"

namespace flipdns::zone {

GroupRRsets::GroupRRsets(const std::vector<GroupAddresses>& groups) {
  sets_.resize(groups.size() * 2);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const GroupAddresses& ga = groups[g];
    auto fill = [&](RRset& s, uint16_t type, const std::vector<std::string>& rdatas) {
      s.type = type;
      s.ttl = ga.ttl;
      s.count = static_cast<uint16_t>(rdatas.size());
      s.rdata_off = static_cast<uint32_t>(arena_.size());
      for (const auto& rd : rdatas) append_rdata(arena_, rd);
    };
    fill(sets_[2 * g], dns::type::A, ga.v4);
    fill(sets_[2 * g + 1], dns::type::AAAA, ga.v6);
  }
}

const RRset* GroupRRsets::rrset(uint32_t group, uint16_t type) const {
  std::size_t i = 2 * std::size_t{group} + (type == dns::type::AAAA ? 1 : 0);
  if (i >= sets_.size() || sets_[i].count == 0) return nullptr;
  return &sets_[i];
}

}  // namespace flipdns::zone
