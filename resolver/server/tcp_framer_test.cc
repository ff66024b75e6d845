#include "resolver/server/tcp_framer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace flipdns::server {
namespace {

std::vector<uint8_t> frame(const std::string& body) {
  std::vector<uint8_t> out(2 + body.size());
  out[0] = static_cast<uint8_t>(body.size() >> 8);
  out[1] = static_cast<uint8_t>(body.size() & 0xff);
  std::copy(body.begin(), body.end(), out.begin() + 2);
  return out;
}

void feed(TcpFramer& f, const std::vector<uint8_t>& bytes) {
  auto room = f.prepare(bytes.size());
  ASSERT_GE(room.size(), bytes.size());
  std::copy(bytes.begin(), bytes.end(), room.begin());
  f.commit(bytes.size());
}

// Takes every complete message, as strings; stops at kNeedMore or kBroken.
std::vector<std::string> drain(TcpFramer& f, TcpFramer::Result* last = nullptr) {
  std::vector<std::string> out;
  std::span<const uint8_t> msg;
  TcpFramer::Result r;
  while ((r = f.next(msg)) == TcpFramer::Result::kMessage) out.emplace_back(msg.begin(), msg.end());
  if (last) *last = r;
  return out;
}

TEST(TcpFramer, ReturnsOneWholeMessage) {
  TcpFramer f;
  feed(f, frame("hello"));
  TcpFramer::Result last;
  EXPECT_EQ(drain(f, &last), std::vector<std::string>{"hello"});
  EXPECT_EQ(last, TcpFramer::Result::kNeedMore);
  EXPECT_EQ(f.pending(), 0u);
}

TEST(TcpFramer, SplitsPipelinedMessagesInOrder) {
  TcpFramer f;
  std::vector<uint8_t> bytes;
  for (const char* m : {"one", "two", "three"}) {
    auto fr = frame(m);
    bytes.insert(bytes.end(), fr.begin(), fr.end());
  }
  feed(f, bytes);
  EXPECT_EQ(drain(f), (std::vector<std::string>{"one", "two", "three"}));
}

TEST(TcpFramer, WaitsForEveryByteWhateverTheSplit) {
  std::vector<uint8_t> bytes = frame("abcdef");
  auto second = frame("gh");
  bytes.insert(bytes.end(), second.begin(), second.end());
  // Every cut point, including inside the length octets.
  for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
    TcpFramer f;
    feed(f, {bytes.begin(), bytes.begin() + static_cast<long>(cut)});
    auto got = drain(f);
    feed(f, {bytes.begin() + static_cast<long>(cut), bytes.end()});
    auto rest = drain(f);
    got.insert(got.end(), rest.begin(), rest.end());
    EXPECT_EQ(got, (std::vector<std::string>{"abcdef", "gh"})) << "cut at " << cut;
  }
}

TEST(TcpFramer, OneByteAtATime) {
  TcpFramer f;
  std::vector<std::string> got;
  for (uint8_t b : frame(std::string(300, 'x'))) {
    feed(f, {b});
    auto some = drain(f);
    got.insert(got.end(), some.begin(), some.end());
  }
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], std::string(300, 'x'));
}

TEST(TcpFramer, ReportsPartialFrameAsPending) {
  TcpFramer f;
  auto fr = frame("partial");
  feed(f, {fr.begin(), fr.begin() + 4});
  EXPECT_TRUE(drain(f).empty());
  EXPECT_EQ(f.pending(), 4u);
}

TEST(TcpFramer, ZeroLengthBreaksTheStream) {
  TcpFramer f;
  auto ok = frame("ok");
  std::vector<uint8_t> bytes = ok;
  bytes.push_back(0);
  bytes.push_back(0);
  feed(f, bytes);
  TcpFramer::Result last;
  EXPECT_EQ(drain(f, &last), std::vector<std::string>{"ok"});
  EXPECT_EQ(last, TcpFramer::Result::kBroken);
  std::span<const uint8_t> msg;
  EXPECT_EQ(f.next(msg), TcpFramer::Result::kBroken);  // stays broken
}

TEST(TcpFramer, CarriesTheLargestMessage) {
  TcpFramer f;
  std::string big(65535, 'z');
  feed(f, frame(big));
  auto got = drain(f);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].size(), 65535u);
}

TEST(TcpFramer, BufferStaysBoundedOnALongStream) {
  TcpFramer f;
  auto fr = frame(std::string(100, 'q'));
  std::size_t largest_room = 0;
  for (int i = 0; i < 10000; ++i) {
    auto room = f.prepare(fr.size());
    largest_room = std::max(largest_room, room.size());
    std::copy(fr.begin(), fr.end(), room.begin());
    f.commit(fr.size());
    ASSERT_EQ(drain(f).size(), 1u);
  }
  EXPECT_LE(largest_room, 2 * fr.size());
}

}  // namespace
}  // namespace flipdns::server
