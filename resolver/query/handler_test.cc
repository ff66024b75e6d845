// Table-driven: a zone, a query, the expected sections (CoreDNS lookup_test.go
// style). Each case names the rule it checks.
#include "resolver/query/handler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "resolver/dns/wire.h"
#include "resolver/query/test_zone.h"

namespace flipdns::query {
namespace {

using testing::ask;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::make_query;
using testing::QueryOpts;
using ::testing::UnorderedElementsAre;

constexpr const char* kParent = R"(
$ORIGIN example.com.
$TTL 300
@       3600 IN SOA ns1 hostmaster 2024010101 3600 600 1209600 60
@       IN NS ns1
@       IN NS ns2.example.net.
@       IN MX 10 mail
ns1     IN A 192.0.2.53
mail    IN A 192.0.2.25
www     IN A 192.0.2.10
www     IN AAAA 2001:db8::10
alias   IN CNAME www
alias2  IN CNAME alias
out     IN CNAME www.example.net.
dangling IN CNAME nothere
loop1   IN CNAME loop2
loop2   IN CNAME loop1
*.wild  IN A 192.0.2.99
*.wild  IN TXT "wild"
exists.wild IN A 192.0.2.98
*.cw    IN CNAME www
a.b.ent IN A 192.0.2.7
*.ent   IN A 192.0.2.8
child   IN NS ns.child
child   IN NS ns.example.net.
child   IN DS 12345 8 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE1E5AEE5C2A0F7E7BD4A2F0A8
ns.child IN A 192.0.2.77
nodsdel IN NS ns.example.net.
sub     IN NS ns1.sub
ns1.sub IN A 192.0.2.88
x.child IN TXT "occluded"
big     IN TXT "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
big     IN TXT "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
big     IN TXT "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
big     IN TXT "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
big     IN TXT "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
unk     IN TYPE65400 \# 4 0a000001
*.wdel  IN NS ns.example.net.
)";

constexpr const char* kChild = R"(
$ORIGIN sub.example.com.
$TTL 120
@    IN SOA ns1 hostmaster 7 3600 600 1209600 30
@    IN NS ns1
ns1  IN A 192.0.2.88
host IN A 192.0.2.89
)";

class HandlerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    zones_ = testing::zones_from_text({{"example.com.", kParent}, {"sub.example.com.", kChild}});
  }
  static void TearDownTestSuite() { zones_.reset(); }
  testing::Reply q(const std::string& name, uint16_t type, QueryOpts o = {},
                   Transport t = Transport::kUdp) {
    return ask(*zones_, make_query(name, type, o), t);
  }
  static std::shared_ptr<const zone::ZoneSet> zones_;
};
std::shared_ptr<const zone::ZoneSet> HandlerTest::zones_;

const std::string kSoaNeg =
    "example.com. 60 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 3600 600 1209600 "
    "60";

TEST_F(HandlerTest, ExactAnswerIsAuthoritativeWithoutAuthorityNs) {
  auto r = q("www.example.com.", dns::type::A);
  EXPECT_EQ(r.rcode, 0);
  EXPECT_TRUE(r.aa);
  EXPECT_FALSE(r.ra);
  EXPECT_THAT(r.answer, ElementsAre("www.example.com. 300 IN A 192.0.2.10"));
  EXPECT_THAT(r.authority, IsEmpty());  // minimal responses
}

TEST_F(HandlerTest, QuestionCaseIsPreserved) {
  auto r = q("WwW.ExAmPlE.cOm.", dns::type::AAAA);
  EXPECT_EQ(r.question, "WwW.ExAmPlE.cOm. IN AAAA");
  ASSERT_EQ(r.answer.size(), 1u);
  EXPECT_THAT(r.answer[0], ::testing::EndsWith("IN AAAA 2001:db8::10"));
}

TEST_F(HandlerTest, NodataCarriesSoaWithNegativeTtl) {
  auto r = q("www.example.com.", dns::type::MX);
  EXPECT_EQ(r.rcode, 0);
  EXPECT_TRUE(r.aa);
  EXPECT_THAT(r.answer, IsEmpty());
  EXPECT_THAT(r.authority, ElementsAre(kSoaNeg));
}

TEST_F(HandlerTest, NxdomainCarriesSoa) {
  auto r = q("nope.example.com.", dns::type::A);
  EXPECT_EQ(r.rcode, dns::rcode::NXDOMAIN);
  EXPECT_TRUE(r.aa);
  EXPECT_THAT(r.authority, ElementsAre(kSoaNeg));
  auto deep = q("a.b.c.d.nope.example.com.", dns::type::A);
  EXPECT_EQ(deep.rcode, dns::rcode::NXDOMAIN);
  EXPECT_THAT(deep.authority, ElementsAre(kSoaNeg));
}

TEST_F(HandlerTest, EmptyNonTerminalIsNodata) {
  auto r = q("b.ent.example.com.", dns::type::A);
  EXPECT_EQ(r.rcode, 0);
  EXPECT_THAT(r.answer, IsEmpty());
  EXPECT_THAT(r.authority, ElementsAre(kSoaNeg));
}

TEST_F(HandlerTest, WildcardSynthesizesOwnerFromQuestion) {
  auto r = q("Foo.Wild.example.com.", dns::type::A);
  EXPECT_EQ(r.rcode, 0);
  EXPECT_TRUE(r.aa);
  EXPECT_THAT(r.answer, ElementsAre("Foo.Wild.example.com. 300 IN A 192.0.2.99"));
  auto deep = q("a.very.long.name.under.the.wild.example.com.", dns::type::TXT);
  EXPECT_THAT(deep.answer,
              ElementsAre("a.very.long.name.under.the.wild.example.com. 300 IN TXT \"wild\""));
}

TEST_F(HandlerTest, WildcardNodataAndNeverOverExistingName) {
  auto nodata = q("foo.wild.example.com.", dns::type::MX);
  EXPECT_EQ(nodata.rcode, 0);
  EXPECT_THAT(nodata.answer, IsEmpty());
  EXPECT_THAT(nodata.authority, ElementsAre(kSoaNeg));
  auto exists = q("exists.wild.example.com.", dns::type::TXT);  // RFC 4592 2.2.1
  EXPECT_EQ(exists.rcode, 0);
  EXPECT_THAT(exists.answer, IsEmpty());
  auto below = q("x.exists.wild.example.com.", dns::type::A);  // closest encloser is exists.wild
  EXPECT_EQ(below.rcode, dns::rcode::NXDOMAIN);
}

TEST_F(HandlerTest, EmptyNonTerminalBlocksWildcard) {
  // *.ent exists, but b.ent is an empty non-terminal: x.b.ent has closest encloser b.ent.
  EXPECT_EQ(q("x.b.ent.example.com.", dns::type::A).rcode, dns::rcode::NXDOMAIN);
  auto r = q("z.ent.example.com.", dns::type::A);
  EXPECT_THAT(r.answer, ElementsAre("z.ent.example.com. 300 IN A 192.0.2.8"));
}

TEST_F(HandlerTest, CnameChainFollowedInsideZone) {
  auto r = q("alias2.example.com.", dns::type::A);
  EXPECT_EQ(r.rcode, 0);
  EXPECT_THAT(r.answer, ElementsAre("alias2.example.com. 300 IN CNAME alias.example.com.",
                                    "alias.example.com. 300 IN CNAME www.example.com.",
                                    "www.example.com. 300 IN A 192.0.2.10"));
  auto c = q("alias.example.com.", dns::type::CNAME);
  EXPECT_THAT(c.answer, ElementsAre("alias.example.com. 300 IN CNAME www.example.com."));
}

TEST_F(HandlerTest, CnameNotFollowedOutOfZone) {
  auto r = q("out.example.com.", dns::type::A);
  EXPECT_EQ(r.rcode, 0);
  EXPECT_THAT(r.answer, ElementsAre("out.example.com. 300 IN CNAME www.example.net."));
  EXPECT_THAT(r.authority, IsEmpty());
}

TEST_F(HandlerTest, CnameToMissingNameIsNxdomain) {
  auto r = q("dangling.example.com.", dns::type::A);
  EXPECT_EQ(r.rcode, dns::rcode::NXDOMAIN);
  EXPECT_THAT(r.answer, ElementsAre("dangling.example.com. 300 IN CNAME nothere.example.com."));
  EXPECT_THAT(r.authority, ElementsAre(kSoaNeg));
}

TEST_F(HandlerTest, CnameLoopTerminates) {
  auto r = q("loop1.example.com.", dns::type::A);
  EXPECT_EQ(r.rcode, 0);
  EXPECT_EQ(r.answer.size(), 2u);
}

TEST_F(HandlerTest, WildcardCnameChased) {
  auto r = q("any.cw.example.com.", dns::type::AAAA);
  EXPECT_THAT(r.answer, ElementsAre("any.cw.example.com. 300 IN CNAME www.example.com.",
                                    "www.example.com. 300 IN AAAA 2001:db8::10"));
}

TEST_F(HandlerTest, ReferralWithGlueNotAuthoritative) {
  for (const char* name : {"child.example.com.", "deep.below.child.example.com."}) {
    auto r = q(name, dns::type::A);
    EXPECT_EQ(r.rcode, 0) << name;
    EXPECT_FALSE(r.aa) << name;
    EXPECT_THAT(r.answer, IsEmpty());
    EXPECT_THAT(r.authority,
                UnorderedElementsAre("child.example.com. 300 IN NS ns.child.example.com.",
                                     "child.example.com. 300 IN NS ns.example.net."));
    EXPECT_THAT(r.additional, ElementsAre("ns.child.example.com. 300 IN A 192.0.2.77"));
  }
  // Occluded data below the cut is never answered.
  EXPECT_FALSE(q("x.child.example.com.", dns::type::TXT).aa);
}

// A wildcard owning NS (RFC 4592 4.2 leaves it "unstable"): every name it covers
// gets the referral as Knot DNS gives it, the NS set under its own owner name,
// which must be written out, not pointed at a question that does not hold it.
TEST_F(HandlerTest, WildcardDelegationRefersUnderTheWildcardName) {
  for (const char* name : {"www.wdel.example.com.", "a.longer.name.wdel.example.com.",
                           "*.wdel.example.com.", "x.*.wdel.example.com."}) {
    for (Transport t : {Transport::kUdp, Transport::kTcp}) {
      auto r = q(name, dns::type::A, {}, t);
      EXPECT_EQ(r.rcode, 0) << name;
      EXPECT_FALSE(r.aa) << name;
      EXPECT_THAT(r.answer, IsEmpty()) << name;
      EXPECT_THAT(r.authority, ElementsAre("*.wdel.example.com. 300 IN NS ns.example.net."))
          << name;
    }
  }
}

TEST_F(HandlerTest, DsAnsweredFromParentSide) {
  auto r = q("child.example.com.", dns::type::DS);
  EXPECT_TRUE(r.aa);
  ASSERT_EQ(r.answer.size(), 1u);
  EXPECT_THAT(r.answer[0], ::testing::HasSubstr("IN DS 12345 8 2"));
  auto none = q("nodsdel.example.com.", dns::type::DS);
  EXPECT_TRUE(none.aa);
  EXPECT_THAT(none.answer, IsEmpty());
  EXPECT_THAT(none.authority, ElementsAre(kSoaNeg));
}

TEST_F(HandlerTest, ChildZoneServedBySameProcess) {
  auto r = q("host.sub.example.com.", dns::type::A);
  EXPECT_TRUE(r.aa);
  EXPECT_THAT(r.answer, ElementsAre("host.sub.example.com. 120 IN A 192.0.2.89"));
  // DS for the child's apex comes from the parent (NODATA there: no DS at sub).
  auto ds = q("sub.example.com.", dns::type::DS);
  EXPECT_TRUE(ds.aa);
  EXPECT_THAT(ds.authority, ElementsAre(kSoaNeg));
  auto soa = q("sub.example.com.", dns::type::SOA);
  ASSERT_EQ(soa.answer.size(), 1u);
  EXPECT_THAT(soa.answer[0], ::testing::StartsWith("sub.example.com. 120 IN SOA"));
}

TEST_F(HandlerTest, MxGetsAdditionalAddresses) {
  auto r = q("example.com.", dns::type::MX);
  EXPECT_THAT(r.answer, ElementsAre("example.com. 300 IN MX 10 mail.example.com."));
  EXPECT_THAT(r.additional, ElementsAre("mail.example.com. 300 IN A 192.0.2.25"));
}

TEST_F(HandlerTest, AnyAnsweredWithOneRrset) {
  auto r = q("www.example.com.", dns::type::ANY);
  EXPECT_EQ(r.rcode, 0);
  EXPECT_EQ(r.answer.size(), 1u);
}

TEST_F(HandlerTest, UnknownTypeServedAsRfc3597) {
  auto r = q("unk.example.com.", 65400);
  ASSERT_EQ(r.answer.size(), 1u);
  EXPECT_THAT(r.answer[0], ::testing::HasSubstr("0a000001"));
}

TEST_F(HandlerTest, OutsideEveryZoneIsRefused) {
  auto r = q("www.example.org.", dns::type::A);
  EXPECT_EQ(r.rcode, dns::rcode::REFUSED);
  EXPECT_FALSE(r.aa);
  EXPECT_THAT(r.answer, IsEmpty());
}

TEST_F(HandlerTest, TruncatedOverUdpWholeOverTcp) {
  auto udp = q("big.example.com.", dns::type::TXT);
  EXPECT_TRUE(udp.tc);
  EXPECT_LE(udp.size, 512u);
  EXPECT_THAT(udp.answer, IsEmpty());
  auto edns = q("big.example.com.", dns::type::TXT, {.edns = true, .payload = 4096});
  EXPECT_FALSE(edns.tc);
  EXPECT_EQ(edns.answer.size(), 5u);
  auto tcp = q("big.example.com.", dns::type::TXT, {}, Transport::kTcp);
  EXPECT_FALSE(tcp.tc);
  EXPECT_EQ(tcp.answer.size(), 5u);
}

TEST_F(HandlerTest, EdnsEchoedWithOurPayloadAndDo) {
  auto r = q("www.example.com.", dns::type::A, {.edns = true, .payload = 4096, .do_bit = true});
  EXPECT_TRUE(r.has_opt);
  EXPECT_EQ(r.opt_payload, 1232);
  auto plain = q("www.example.com.", dns::type::A);
  EXPECT_FALSE(plain.has_opt);
}

TEST_F(HandlerTest, EdnsVersionAboveZeroIsBadvers) {
  auto r = q("www.example.com.", dns::type::A, {.edns = true, .version = 1});
  EXPECT_EQ(r.rcode, dns::rcode::BADVERS);
  EXPECT_TRUE(r.has_opt);
  EXPECT_THAT(r.answer, IsEmpty());
}

TEST_F(HandlerTest, OpcodesOtherThanQueryAreNotImplemented) {
  EXPECT_EQ(q("example.com.", dns::type::SOA, {.opcode = dns::opcode::STATUS}).rcode,
            dns::rcode::NOTIMP);
}

TEST_F(HandlerTest, RdCopiedRaNeverSet) {
  auto r = q("www.example.com.", dns::type::A, {.rd = true});
  EXPECT_TRUE(r.rd);
  EXPECT_FALSE(r.ra);
  EXPECT_TRUE(r.qr);
}

TEST_F(HandlerTest, ChaosRefusedUnlessIdentityConfigured) {
  auto query = make_query("version.bind.", dns::type::TXT, {.qclass = dns::cls::CH});
  EXPECT_EQ(ask(*zones_, query).rcode, dns::rcode::REFUSED);
  auto id = make_query("id.server.", dns::type::TXT, {.qclass = dns::cls::CH});
  auto r = ask(*zones_, id, Transport::kUdp, Identity{"ns1.test", ""});
  EXPECT_EQ(r.rcode, 0);
  EXPECT_THAT(r.answer, ElementsAre("id.server. 0 CH TXT \"ns1.test\""));
}

// Regressions found by the differential test against NSD and Knot
// (tests/conformance): where both agree, so do we.
TEST_F(HandlerTest, CdIsNotCopiedByAnUnsignedServer) {
  auto query = make_query("www.example.com.", dns::type::A);
  query[3] |= 0x10;  // CD
  std::vector<uint8_t> out(512);
  auto o = handle_query(*zones_, {}, Transport::kUdp, query, out);
  ASSERT_GT(o.size, 3u);
  EXPECT_EQ(out[3] & 0x10, 0);
}

TEST_F(HandlerTest, AxfrOverUdpIsNotImplementedOverTcpRefused) {
  EXPECT_EQ(q("example.com.", dns::type::AXFR).rcode, dns::rcode::NOTIMP);
  EXPECT_EQ(q("example.com.", dns::type::AXFR, {}, Transport::kTcp).rcode, dns::rcode::REFUSED);
}

TEST_F(HandlerTest, MetaTypesAreAnsweredAsNodata) {
  for (uint16_t t : {dns::type::MAILA, dns::type::MAILB, dns::type::OPT}) {
    auto r = q("www.example.com.", t);
    EXPECT_EQ(r.rcode, 0) << t;
    EXPECT_TRUE(r.aa) << t;
    EXPECT_THAT(r.authority, ElementsAre(kSoaNeg)) << t;
  }
}

TEST_F(HandlerTest, ClassAnyIsAnsweredFromIn) {
  auto r = q("www.example.com.", dns::type::A, {.qclass = dns::cls::ANY});
  EXPECT_EQ(r.rcode, 0);
  EXPECT_EQ(r.answer.size(), 1u);
}

TEST_F(HandlerTest, TcpMessageWithoutQuestionGetsNoAnswer) {
  std::vector<uint8_t> header{0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0};
  EXPECT_FALSE(ask(*zones_, header, Transport::kTcp).sent);
  EXPECT_EQ(ask(*zones_, header, Transport::kUdp).rcode, dns::rcode::FORMERR);
}

TEST_F(HandlerTest, ResponsesToQueriesAreNeverQueries) {
  auto query = make_query("www.example.com.", dns::type::A);
  query[2] |= 0x80;  // QR=1: a response; answering could start a loop
  EXPECT_FALSE(ask(*zones_, query).sent);
}

TEST_F(HandlerTest, MalformedGetsFormerrNotACrash) {
  auto query = make_query("www.example.com.", dns::type::A);
  auto cut = query;
  cut.resize(cut.size() - 3);
  EXPECT_EQ(ask(*zones_, cut).rcode, dns::rcode::FORMERR);
  auto two = query;
  two[5] = 2;  // QDCOUNT 2
  EXPECT_EQ(ask(*zones_, two).rcode, dns::rcode::FORMERR);
  auto trailing = query;
  trailing.push_back(0);
  EXPECT_EQ(ask(*zones_, trailing).rcode, dns::rcode::FORMERR);
  std::vector<uint8_t> header_only(query.begin(), query.begin() + 11);
  EXPECT_FALSE(ask(*zones_, header_only).sent);
}

}  // namespace
}  // namespace flipdns::query
