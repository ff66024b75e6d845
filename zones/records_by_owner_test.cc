#include "zones/records_by_owner.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>

#include "resolver/dns/name.h"

namespace flipdns::zones {
namespace {

std::string wire(const std::string& text) {
  return *dns::from_text(text);
}

Record record(const std::string& owner, int line) {
  Record r;
  r.owner = {wire(owner), {"z.zone", line, 1}};
  r.at = r.owner.at;
  return r;
}

std::vector<int> lines(std::span<const Record* const> records) {
  std::vector<int> out;
  for (const Record* r : records) out.push_back(r->at.line);
  return out;
}

TEST(RecordsByOwner, GroupsByOwnerInFileOrder) {
  std::vector<Record> rs = {record("a.example.", 1), record("b.example.", 2),
                            record("a.example.", 3), record("a.example.", 4),
                            record("c.example.", 5), record("b.example.", 6)};
  RecordsByOwner index(rs.size());
  for (const Record& r : rs) index.add(r);
  index.seal();
  ASSERT_EQ(index.size(), 3u);
  EXPECT_EQ(index.owner(0), wire("a.example."));
  EXPECT_EQ(lines(index.records(0)), (std::vector<int>{1, 3, 4}));
  EXPECT_EQ(index.owner(1), wire("b.example."));
  EXPECT_EQ(lines(index.records(1)), (std::vector<int>{2, 6}));
  EXPECT_EQ(lines(index.find(wire("c.example."))), (std::vector<int>{5}));
  EXPECT_EQ(lines(index.find(wire("b.example."))), (std::vector<int>{2, 6}));
  EXPECT_TRUE(index.find(wire("d.example.")).empty());
}

TEST(RecordsByOwner, Empty) {
  RecordsByOwner index;
  index.seal();
  EXPECT_EQ(index.size(), 0u);
  EXPECT_TRUE(index.find(wire("a.example.")).empty());
}

// More owners than the table was sized for: it grows and still finds them all.
TEST(RecordsByOwner, GrowsPastItsEstimate) {
  std::deque<Record> rs;
  RecordsByOwner index(1);
  for (int i = 0; i < 5000; ++i)
    index.add(rs.emplace_back(record("n" + std::to_string(i) + ".example.", i + 1)));
  for (int i = 0; i < 5000; i += 2)
    index.add(rs.emplace_back(record("n" + std::to_string(i) + ".example.", 10000 + i)));
  index.seal();
  ASSERT_EQ(index.size(), 5000u);
  for (int i = 0; i < 5000; ++i) {
    auto found = index.find(wire("n" + std::to_string(i) + ".example."));
    if (i % 2 == 0)
      EXPECT_EQ(lines(found), (std::vector<int>{i + 1, 10000 + i})) << i;
    else
      EXPECT_EQ(lines(found), (std::vector<int>{i + 1})) << i;
  }
}

}  // namespace
}  // namespace flipdns::zones
