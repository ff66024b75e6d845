#include "resolver/query/test_zone.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "resolver/dns/ldns_ptr.h"
#include "resolver/query/zone_loader.h"

namespace flipdns::query::testing {

std::shared_ptr<const zone::ZoneSet> zones_from_text(
    const std::vector<std::pair<std::string, std::string>>& zones) {
  std::vector<ZoneFileSpec> specs;
  std::vector<std::string> paths;
  for (const auto& [origin, text] : zones) {
    char tmpl[] = "/tmp/flipdns-test-zone-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) std::abort();
    close(fd);
    std::ofstream(tmpl) << text;
    paths.emplace_back(tmpl);
    specs.push_back({origin, tmpl});
  }
  struct Cleanup {
    std::vector<std::string>& p;
    ~Cleanup() {
      for (auto& f : p) unlink(f.c_str());
    }
  } cleanup{paths};
  return load_zone_set(specs);
}

std::vector<uint8_t> make_query(const std::string& name, uint16_t qtype, const QueryOpts& o) {
  dns::RdfPtr qname(ldns_dname_new_frm_str(name.c_str()));
  ldns_pkt* raw = ldns_pkt_query_new(ldns_rdf_clone(qname.get()), static_cast<ldns_rr_type>(qtype),
                                     static_cast<ldns_rr_class>(o.qclass), o.rd ? LDNS_RD : 0);
  dns::PktPtr pkt(raw);
  ldns_pkt_set_id(pkt.get(), 0x1234);
  ldns_pkt_set_opcode(pkt.get(), static_cast<ldns_pkt_opcode>(o.opcode));
  if (o.edns) {
    ldns_pkt_set_edns_udp_size(pkt.get(), o.payload);
    ldns_pkt_set_edns_version(pkt.get(), o.version);
    ldns_pkt_set_edns_do(pkt.get(), o.do_bit);
    ldns_pkt_set_edns_data(pkt.get(), nullptr);
  }
  uint8_t* wire = nullptr;
  size_t len = 0;
  ldns_pkt2wire(&wire, pkt.get(), &len);
  std::vector<uint8_t> out(wire, wire + len);
  std::free(wire);
  return out;
}

namespace {
std::vector<std::string> rrs(const ldns_rr_list* list) {
  std::vector<std::string> out;
  for (size_t i = 0; list && i < ldns_rr_list_rr_count(list); ++i) {
    char* s = ldns_rr2str(ldns_rr_list_rr(list, i));
    std::string line(s);
    std::free(s);
    while (!line.empty() && line.back() == '\n') line.pop_back();
    for (auto& c : line)
      if (c == '\t') c = ' ';
    out.push_back(line);
  }
  return out;
}
}  // namespace

Reply ask(const zone::ZoneSet& zones, const std::vector<uint8_t>& query, Transport t,
          const Identity& id) {
  std::vector<uint8_t> out(65535);
  Outcome o = handle_query(zones, id, t, query, out);
  Reply r;
  r.size = o.size;
  if (o.size == 0) return r;
  r.sent = true;
  ldns_pkt* raw = nullptr;
  if (ldns_wire2pkt(&raw, out.data(), o.size) != LDNS_STATUS_OK) {
    r.rcode = -2;  // unparseable: a test failure wherever a reply is expected
    return r;
  }
  dns::PktPtr pkt(raw);
  r.rcode = ldns_pkt_get_rcode(pkt.get()) | (ldns_pkt_edns_extended_rcode(pkt.get()) << 4);
  r.aa = ldns_pkt_aa(pkt.get());
  r.tc = ldns_pkt_tc(pkt.get());
  r.rd = ldns_pkt_rd(pkt.get());
  r.ra = ldns_pkt_ra(pkt.get());
  r.qr = ldns_pkt_qr(pkt.get());
  r.has_opt = ldns_pkt_edns(pkt.get());
  r.opt_payload = ldns_pkt_edns_udp_size(pkt.get());
  auto q = rrs(ldns_pkt_question(pkt.get()));
  if (!q.empty()) r.question = q.front();
  r.answer = rrs(ldns_pkt_answer(pkt.get()));
  r.authority = rrs(ldns_pkt_authority(pkt.get()));
  r.additional = rrs(ldns_pkt_additional(pkt.get()));
  return r;
}

}  // namespace flipdns::query::testing
