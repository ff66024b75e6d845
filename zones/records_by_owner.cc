#include "zones/records_by_owner.h"

#include <algorithm>

#include "resolver/zone/name_hash.h"

namespace flipdns::zones {

namespace {

uint64_t hash_of(std::string_view owner) {
  return zone::hash_name(owner);  // owners are lower-case, as the zone's tables hash them
}

// A slot remembers part of its owner's hash, so a probe past other owners
// rarely has to read their names (a cache miss each).
uint32_t tag_of(uint64_t hash) {
  return static_cast<uint32_t>(hash >> 32);
}

}  // namespace

RecordsByOwner::RecordsByOwner(std::size_t expected) {
  added_.reserve(expected);
  owner_of_.reserve(expected);
  std::size_t slots = 1024;
  while (slots < expected * 2) slots *= 2;  // owners are at most the records: never regrown
  slots_.assign(slots, Slot{kNone, 0});
}

std::size_t RecordsByOwner::slot_of(std::string_view owner, uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  const uint32_t tag = tag_of(hash);
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.owner == kNone || (s.tag == tag && first_owner(s.owner) == owner)) return i;
  }
}

void RecordsByOwner::grow() {
  slots_.assign(slots_.size() * 2, Slot{kNone, 0});
  const std::size_t mask = slots_.size() - 1;
  for (uint32_t o = 0; o < first_.size(); ++o) {
    uint64_t hash = hash_of(first_owner(o));
    std::size_t i = hash & mask;
    while (slots_[i].owner != kNone) i = (i + 1) & mask;
    slots_[i] = Slot{o, tag_of(hash)};
  }
}

void RecordsByOwner::prefetch(std::string_view owner) const {
  __builtin_prefetch(&slots_[hash_of(owner) & (slots_.size() - 1)]);
}

void RecordsByOwner::add(const Record& r) {
  auto index = static_cast<uint32_t>(added_.size());
  // A master file lists an owner's records together: most records need no lookup.
  if (!added_.empty() && added_.back()->owner.value == r.owner.value) {
    uint32_t owner = owner_of_.back();
    added_.push_back(&r);
    owner_of_.push_back(owner);
    return;
  }
  if ((first_.size() + 1) * 2 > slots_.size()) grow();
  added_.push_back(&r);
  uint64_t hash = hash_of(r.owner.value);
  Slot& slot = slots_[slot_of(r.owner.value, hash)];
  if (slot.owner == kNone) {
    slot = Slot{static_cast<uint32_t>(first_.size()), tag_of(hash)};
    first_.push_back(index);
  }
  owner_of_.push_back(slot.owner);
}

void RecordsByOwner::seal() {
  // Counting sort by owner: stable, so each owner's records stay in file order.
  start_.assign(first_.size() + 1, 0);
  for (uint32_t o : owner_of_) ++start_[o + 1];
  for (std::size_t i = 1; i < start_.size(); ++i) start_[i] += start_[i - 1];
  std::vector<uint32_t> next(start_.begin(), start_.end() - 1);
  std::vector<const Record*> grouped(added_.size());
  for (std::size_t i = 0; i < added_.size(); ++i) grouped[next[owner_of_[i]]++] = added_[i];
  records_ = std::move(grouped);
  std::vector<const Record*>().swap(added_);
  std::vector<uint32_t>().swap(owner_of_);
  // Lookups now find an owner's name at the head of its group.
  for (uint32_t o = 0; o < first_.size(); ++o) first_[o] = start_[o];
  sealed_ = true;
}

std::span<const Record* const> RecordsByOwner::find(std::string_view owner) const {
  uint32_t o = slots_[slot_of(owner, hash_of(owner))].owner;
  if (o == kNone) return {};
  return records(o);
}

}  // namespace flipdns::zones
