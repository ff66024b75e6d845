// Stage 4: the response. Copies a compiled answer after the sender's own
// question (letter case kept), moves the pointers that depend on the question's
// length, decides TC against the sender's size limit and appends OPT.
#pragma once

#include <cstddef>
#include <span>

#include "resolver/query/query.h"
#include "resolver/zone/answer_table.h"

namespace flipdns::query {

// `serial` replaces the SOA serial wherever the answer carries one: serials move
// with every flip without recompiling the zone's negative answers.
std::size_t respond(const Query& q, const zone::AnswerTable& table, const zone::Answer& a,
                    uint32_t serial, std::span<uint8_t> out) noexcept;

// A response with no records: errors, REFUSED, BADVERS. Echoes the question when
// it could be read.
std::size_t respond_empty(const Query& q, uint16_t rcode, std::span<uint8_t> out) noexcept;

// The CHAOS-class TXT answer naming this server (version.bind, id.server, ...).
std::size_t respond_chaos_txt(const Query& q, std::string_view text,
                              std::span<uint8_t> out) noexcept;

}  // namespace flipdns::query
