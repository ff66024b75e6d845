#include "resolver/dns/name.h"

#include <gtest/gtest.h>

namespace flipdns::dns {
namespace {

// Literals hold NULs, so take their whole length rather than stopping at the first.
template <std::size_t N>
std::string W(const char (&s)[N]) {
  return std::string(s, N - 1);
}

TEST(Name, FromTextAbsoluteAndRelative) {
  auto origin = from_text("example.com.");
  ASSERT_TRUE(origin);
  EXPECT_EQ(*origin, W("\7example\3com\0"));
  EXPECT_EQ(*from_text("www", *origin), W("\3www\7example\3com\0"));
  EXPECT_EQ(*from_text("@", *origin), *origin);
  EXPECT_EQ(*from_text("."), W("\0"));
  EXPECT_FALSE(from_text("www"));  // relative without an origin
  EXPECT_FALSE(from_text(""));
}

TEST(Name, FromTextReadsEscapesBeforeTheFinalDot) {
  auto origin = from_text("example.com.");
  EXPECT_EQ(*from_text("a\\.", *origin), W("\2a.\7example\3com\0"));  // an escaped dot
  EXPECT_EQ(*from_text("a\\\\.", *origin), W("\2a\\\0"));             // an escaped backslash
}

TEST(Name, FromTextRejectsOverlongLabel) {
  EXPECT_FALSE(from_text(std::string(64, 'a') + "."));
  EXPECT_TRUE(from_text(std::string(63, 'a') + "."));
}

TEST(Name, ToTextEscapes) {
  EXPECT_EQ(to_text(W("\3www\7example\3com\0")), "www.example.com.");
  EXPECT_EQ(to_text(W("\0")), ".");
  EXPECT_EQ(to_text(W("\3a.b\0")), "a\\.b.");
}

TEST(Name, LabelsParentAndSubdomain) {
  std::string www = W("\3www\7example\3com\0");
  std::string ex = W("\7example\3com\0");
  EXPECT_EQ(label_count(www), 3);
  EXPECT_EQ(label_count(W("\0")), 0);
  EXPECT_EQ(parent_of(www), ex);
  EXPECT_EQ(parent_of(W("\0")), W("\0"));
  EXPECT_TRUE(is_subdomain(www, ex));
  EXPECT_TRUE(is_subdomain(ex, ex));
  EXPECT_FALSE(is_subdomain(ex, www));
  EXPECT_FALSE(is_subdomain(W("\10xexample\3com\0"), ex));
}

TEST(Name, Lowering) {
  EXPECT_EQ(lowered(W("\3WwW\2Ex\0")), W("\3www\2ex\0"));
}

}  // namespace
}  // namespace flipdns::dns
