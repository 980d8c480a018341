#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace slotbase {

/// A map from keys to values bounded by the bytes its entries take, not by their number: when a
/// put would pass the bound, the least recently used entries go first. Each entry's size is what
/// the caller says it is (its key, its value's payload); an entry larger than the whole bound is
/// not kept. Counts hits, misses and bytes for /metrics. Values are returned by copy, so make
/// them cheap to copy (shared_ptr to immutable data). Thread-safe.
template <class Value>
class ByteCache {
 public:
  explicit ByteCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  /// The value under `key` if there is one and `fresh(value)` holds (a stale one is dropped).
  template <class Fresh>
  std::optional<Value> get(const std::string& key, Fresh&& fresh) {
    std::lock_guard lock(mu_);
    auto it = index_.find(key);
    if (it == index_.end()) {
      ++misses_;
      return std::nullopt;
    }
    if (!fresh(it->second->value)) {
      erase(it);
      ++misses_;
      return std::nullopt;
    }
    entries_.splice(entries_.begin(), entries_, it->second);  // now the most recently used
    ++hits_;
    return it->second->value;
  }
  std::optional<Value> get(const std::string& key) {
    return get(key, [](const Value&) { return true; });
  }

  /// Files `value` under `key` as taking `bytes` (beside the key itself), replacing what was there.
  void put(const std::string& key, Value value, std::size_t bytes) {
    const std::size_t size = bytes + key.size() + kEntryOverhead;
    std::lock_guard lock(mu_);
    if (auto it = index_.find(key); it != index_.end()) erase(it);
    if (size > max_bytes_) return;
    while (bytes_ + size > max_bytes_ && !entries_.empty()) erase(index_.find(entries_.back().key));
    entries_.push_front({key, std::move(value), size});
    index_.emplace(key, entries_.begin());
    bytes_ += size;
  }

  std::uint64_t hits() const { return hits_.load(); }
  std::uint64_t misses() const { return misses_.load(); }
  std::size_t bytes() const {
    std::lock_guard lock(mu_);
    return bytes_;
  }
  std::size_t entries() const {
    std::lock_guard lock(mu_);
    return entries_.size();
  }
  std::size_t max_bytes() const { return max_bytes_; }

 private:
  // The list node, the index node and the key's second copy, roughly.
  static constexpr std::size_t kEntryOverhead = 128;
  struct Entry {
    std::string key;
    Value value;
    std::size_t bytes;
  };
  using Entries = std::list<Entry>;

  void erase(typename std::unordered_map<std::string, typename Entries::iterator>::iterator it) {
    bytes_ -= it->second->bytes;
    entries_.erase(it->second);
    index_.erase(it);
  }

  const std::size_t max_bytes_;
  mutable std::mutex mu_;
  Entries entries_;  // most recently used first
  std::unordered_map<std::string, typename Entries::iterator> index_;
  std::size_t bytes_ = 0;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
};

}  // namespace slotbase
