#include "resolver/query/handler.h"

#include "resolver/dns/wire.h"
#include "resolver/query/locate.h"
#include "resolver/query/parse.h"
#include "resolver/query/query.h"
#include "resolver/query/respond.h"

namespace flipdns::query {
namespace {

using std::string_view_literals::operator""sv;

Outcome done(const Query& q, std::size_t size, uint16_t rcode) {
  return {size, q.qtype, rcode};
}

Outcome error(const Query& q, uint16_t rcode, std::span<uint8_t> out) {
  return done(q, respond_empty(q, rcode, out), rcode);
}

// CHAOS TXT names servers answer about themselves (RFC 4892).
Outcome chaos(const Query& q, const Identity& id, std::span<uint8_t> out) {
  std::string_view name = q.qname();
  const std::string* text = nullptr;
  if (name == "\7version\4bind\0"sv || name == "\7version\6server\0"sv) text = &id.version;
  if (name == "\2id\6server\0"sv || name == "\10hostname\4bind\0"sv) text = &id.id_server;
  if (!text || text->empty() || (q.qtype != dns::type::TXT && q.qtype != dns::type::ANY))
    return error(q, dns::rcode::REFUSED, out);
  return done(q, respond_chaos_txt(q, *text, out), dns::rcode::NOERROR);
}

uint32_t answer_index(const zone::Zone& z, Match m, uint16_t qtype) {
  switch (m.kind) {
    case MatchKind::kExact:
    case MatchKind::kWildcard:
      return z.answer_index(z.node(m.node), qtype);
    case MatchKind::kReferral:
      return z.node(m.node).default_answer;
    case MatchKind::kNxDomain:
      break;
  }
  return z.nxdomain_index();
}

}  // namespace

Outcome handle_query(const zone::ZoneSet& zones, const Identity& identity, Transport transport,
                     std::span<const uint8_t> in, std::span<uint8_t> out) noexcept {
  if (out.size() < dns::kMinUdpPayload) return {};
  Query q(in, transport);
  switch (parse(q)) {
    case ParseResult::kDrop:
      return {};
    case ParseResult::kFormErr:
      // Over TCP a message without a readable question gets no answer, as NSD
      // and Knot do: the stream is not worth keeping in step with.
      if (transport == Transport::kTcp && !q.has_question) return {};
      return error(q, dns::rcode::FORMERR, out);
    case ParseResult::kBadVers:
      return error(q, dns::rcode::BADVERS, out);
    case ParseResult::kOk:
      break;
  }
  if (q.opcode != dns::opcode::QUERY) return error(q, dns::rcode::NOTIMP, out);
  if (q.qclass == dns::cls::CH) return chaos(q, identity, out);
  // Class ANY asks for IN data here: IN is the only class served.
  if (q.qclass != dns::cls::IN && q.qclass != dns::cls::ANY)
    return error(q, dns::rcode::REFUSED, out);
  if (q.qtype == dns::type::AXFR || q.qtype == dns::type::IXFR) {
    // Transfers run over TCP only (RFC 5936 4.2) and are not offered to anyone yet.
    return error(q, transport == Transport::kUdp ? dns::rcode::NOTIMP : dns::rcode::REFUSED, out);
  }

  // DS lives on the parent side of a cut: prefer the parent zone when we serve it.
  const zone::ServedZone* sz = nullptr;
  if (q.qtype == dns::type::DS) sz = zones.find(q.qname(), true);
  if (!sz) sz = zones.find(q.qname());
  if (!sz) return error(q, dns::rcode::REFUSED, out);

  const zone::Zone& z = *sz->zone;
  uint32_t i = answer_index(z, locate(z, q.qname(), q.qtype), q.qtype);
  const zone::AnswerTable& table = (i & zone::kOverlaySlot) ? sz->overlay->table : z.answers();
  const zone::Answer& a = table.at(i & ~zone::kOverlaySlot);
  return done(q, respond(q, table, a, sz->overlay->serial, out), a.rcode);
}

}  // namespace flipdns::query
