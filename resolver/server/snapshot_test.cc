#include "resolver/server/snapshot.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace flipdns::server {
namespace {

TEST(Snapshot, ReaderSeesThePublishedValue) {
  Snapshot<std::string> snap(std::make_shared<const std::string>("old"));
  SnapshotReader<std::string> reader(snap);
  EXPECT_EQ(reader.current(), "old");
  snap.publish(std::make_shared<const std::string>("new"));
  EXPECT_EQ(reader.current(), "new");
  EXPECT_EQ(reader.generation(), 1u);
}

TEST(Snapshot, ReaderKeepsItsValueAliveAfterASwap) {
  auto first = std::make_shared<const std::string>("first");
  std::weak_ptr<const std::string> watch = first;
  Snapshot<std::string> snap(std::move(first));
  SnapshotReader<std::string> reader(snap);
  const std::string& held = reader.current();
  snap.publish(std::make_shared<const std::string>("second"));
  // Until the reader's next batch, what it handed out must still be there.
  EXPECT_FALSE(watch.expired());
  EXPECT_EQ(held, "first");
  EXPECT_EQ(reader.current(), "second");
  EXPECT_TRUE(watch.expired());
}

TEST(Snapshot, UnchangedGenerationReturnsTheSameObject) {
  Snapshot<int> snap(std::make_shared<const int>(7));
  SnapshotReader<int> reader(snap);
  const int* a = &reader.current();
  const int* b = &reader.current();
  EXPECT_EQ(a, b);
}

// A value whose two halves must always agree: a reader that ever saw a half-written
// or freed value would see them differ (and ASan would see the use after free).
struct Pair {
  explicit Pair(int v) : a(v), b(v) {}
  int a, b;
};

TEST(Snapshot, ConcurrentReadersNeverSeeATornValue) {
  Snapshot<Pair> snap(std::make_shared<const Pair>(0));
  constexpr int kPublishes = 2000;
  std::atomic<bool> done{false};
  std::atomic<int> mismatches{0};
  std::atomic<int> max_seen{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      SnapshotReader<Pair> reader(snap);
      int last = 0;
      while (!done.load(std::memory_order_acquire)) {
        const Pair& p = reader.current();
        if (p.a != p.b || p.a < last) mismatches.fetch_add(1);
        last = p.a;
      }
      const Pair& p = reader.current();
      int seen = p.a;
      int prev = max_seen.load();
      while (seen > prev && !max_seen.compare_exchange_weak(prev, seen)) {
      }
    });
  }
  for (int i = 1; i <= kPublishes; ++i) snap.publish(std::make_shared<const Pair>(i));
  done.store(true, std::memory_order_release);
  for (auto& t : readers) t.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(max_seen.load(), kPublishes);  // after the last publish every reader catches up
  EXPECT_EQ(snap.generation(), static_cast<uint64_t>(kPublishes));
}

}  // namespace
}  // namespace flipdns::server
