#include "resolver/query/parse.h"

#include <gtest/gtest.h>

#include "resolver/query/test_zone.h"

namespace flipdns::query {
namespace {

ParseResult run(const std::vector<uint8_t>& w, Query* out = nullptr) {
  Query q(w, Transport::kUdp);
  ParseResult r = parse(q);
  if (out) *out = q;
  return r;
}

TEST(Parse, QuestionIsLoweredAndRead) {
  auto w = testing::make_query("WWW.Example.COM.", 28);
  Query q(w, Transport::kUdp);
  ASSERT_EQ(parse(q), ParseResult::kOk);
  EXPECT_EQ(q.qname(), std::string_view("\3www\7example\3com\0", 17));
  EXPECT_EQ(q.qtype, 28);
  EXPECT_EQ(q.qclass, 1);
  EXPECT_EQ(q.id, 0x1234);
  EXPECT_FALSE(q.has_edns);
  EXPECT_EQ(q.size_limit(65535), 512u);
}

TEST(Parse, EdnsPayloadClampedBetween512And1232) {
  auto big = testing::make_query("a.", 1, {.edns = true, .payload = 4096, .do_bit = true});
  Query q(big, Transport::kUdp);
  ASSERT_EQ(parse(q), ParseResult::kOk);
  EXPECT_TRUE(q.has_edns);
  EXPECT_TRUE(q.edns_do);
  EXPECT_EQ(q.size_limit(65535), 1232u);
  auto small = testing::make_query("a.", 1, {.edns = true, .payload = 100});
  Query s(small, Transport::kUdp);
  ASSERT_EQ(parse(s), ParseResult::kOk);
  EXPECT_EQ(s.size_limit(65535), 512u);
  Query t(small, Transport::kTcp);
  ASSERT_EQ(parse(t), ParseResult::kOk);
  EXPECT_EQ(t.size_limit(65535), 65535u);
}

TEST(Parse, DropsShortPacketsAndResponses) {
  EXPECT_EQ(run({1, 2, 3}), ParseResult::kDrop);
  auto w = testing::make_query("a.", 1);
  w[2] |= 0x80;
  EXPECT_EQ(run(w), ParseResult::kDrop);
}

TEST(Parse, RejectsMalformedNames) {
  auto w = testing::make_query("a.", 1);
  auto ptr = w;
  ptr[12] = 0xC0;  // compression pointer in the question
  EXPECT_EQ(run(ptr), ParseResult::kFormErr);
  auto overrun = w;
  overrun[12] = 60;  // label runs past the end
  EXPECT_EQ(run(overrun), ParseResult::kFormErr);
  std::vector<uint8_t> longname(w.begin(), w.begin() + 12);
  for (int i = 0; i < 5; ++i) {  // 5 x 64 octets > 255
    longname.push_back(63);
    longname.insert(longname.end(), 63, 'a');
  }
  longname.insert(longname.end(), {0, 0, 1, 0, 1});
  EXPECT_EQ(run(longname), ParseResult::kFormErr);
}

TEST(Parse, OptRules) {
  auto w = testing::make_query("a.", 1, {.edns = true, .version = 1});
  EXPECT_EQ(run(w), ParseResult::kBadVers);
  auto bad_owner = testing::make_query("a.", 1, {.edns = true});
  // The OPT is the last 11 octets; give it a non-root owner by lengthening.
  std::vector<uint8_t> v(bad_owner.begin(), bad_owner.end() - 11);
  std::vector<uint8_t> opt(bad_owner.end() - 11, bad_owner.end());
  v.push_back(1);
  v.push_back('x');
  v.insert(v.end(), opt.begin(), opt.end());
  EXPECT_EQ(run(v), ParseResult::kFormErr);
  // Two OPT records.
  auto two = testing::make_query("a.", 1, {.edns = true});
  two.insert(two.end(), two.end() - 11, two.end());
  two[11] = 2;
  EXPECT_EQ(run(two), ParseResult::kFormErr);
  // An option that overruns the rdata.
  auto opt_bad = testing::make_query("a.", 1, {.edns = true});
  opt_bad[opt_bad.size() - 1] = 4;  // rdlen 4 with nothing after it
  EXPECT_EQ(run(opt_bad), ParseResult::kFormErr);
}

TEST(Parse, EveryPrefixOfAValidQueryIsHandledSafely) {
  auto w = testing::make_query("www.example.com.", 1, {.edns = true});
  for (std::size_t n = 0; n < w.size(); ++n) {
    std::vector<uint8_t> prefix(w.begin(), w.begin() + n);
    ParseResult r = run(prefix);
    EXPECT_NE(r, ParseResult::kOk) << n;
  }
  EXPECT_EQ(run(w), ParseResult::kOk);
}

}  // namespace
}  // namespace flipdns::query
