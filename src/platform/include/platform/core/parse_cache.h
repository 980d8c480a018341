#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace slotbase {

/// Remembers what a stored text parsed into, so that a text read on every request (a facility's
/// policies, say) is parsed once. The text itself is the key: a changed text is a new entry, so
/// nothing ever needs invalidating. Thread-safe; forgets everything when it grows past capacity.
template <class T>
class ParseCache {
 public:
  explicit ParseCache(std::size_t capacity = 1024) : capacity_(capacity) {}

  template <class Parse>
  T get(const std::string& text, Parse&& parse) {
    {
      std::lock_guard lock(mu_);
      if (auto it = entries_.find(text); it != entries_.end()) return it->second;
    }
    T value = parse(text);  // outside the lock; a race parses twice, harmlessly
    std::lock_guard lock(mu_);
    if (entries_.size() >= capacity_) entries_.clear();
    entries_.emplace(text, value);
    return value;
  }

 private:
  const std::size_t capacity_;
  std::mutex mu_;
  std::unordered_map<std::string, T> entries_;
};

}  // namespace slotbase
