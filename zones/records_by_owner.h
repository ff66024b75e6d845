// Static records grouped by lower-case wire owner, each owner's in file order,
// for the checks that look at a name's records together (validator.h,
// group_validator.h).
//
// Flat arrays and an open-addressing table of owner numbers: a hash map of
// vectors spent three heap blocks per name, most of a million-name include's
// validation. Owners keep the order they were first added in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "zones/zone_config.h"

namespace flipdns::zones {

class RecordsByOwner {
 public:
  // `expected`: about how many records will be added (reserves room for them).
  explicit RecordsByOwner(std::size_t expected = 0);

  // Records must outlive this index; add() them all, then seal().
  void add(const Record& r);
  // Asks the cache for the slot `owner` will probe: a caller adding records in
  // turn calls it a few records ahead, so the misses overlap.
  void prefetch(std::string_view owner) const;
  void seal();

  // After seal(): owners by number (0 .. size()), and lookup by owner.
  std::size_t size() const { return start_.empty() ? 0 : start_.size() - 1; }
  std::string_view owner(std::size_t i) const { return records(i).front()->owner.value; }
  std::span<const Record* const> records(std::size_t i) const {
    return {records_.data() + start_[i], start_[i + 1] - start_[i]};
  }
  // Empty when no record has this owner.
  std::span<const Record* const> find(std::string_view owner) const;

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Slot {
    uint32_t owner;  // kNone when empty
    uint32_t tag;    // the high half of the owner's hash
  };
  // The owner's slot, or the empty one it would take.
  std::size_t slot_of(std::string_view owner, uint64_t hash) const;
  std::string_view first_owner(uint32_t owner) const {
    return (sealed_ ? records_ : added_)[first_[owner]]->owner.value;
  }
  void grow();

  std::vector<const Record*> added_;  // until seal(): in add order
  std::vector<uint32_t> owner_of_;    // until seal(): each added record's owner
  std::vector<uint32_t> first_;       // each owner's first record, in added_ (records_ once sealed)
  std::vector<Slot> slots_;           // a power of two, at most half full
  std::vector<const Record*> records_;  // after seal(): by owner, file order within
  std::vector<uint32_t> start_;  // after seal(): owner i is records_[start_[i] .. start_[i + 1])
  bool sealed_ = false;
};

}  // namespace flipdns::zones
