#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace slotbase::booking {

/// Rendered availability documents, each valid for one version of the world: the event log's last
/// sequence number (every hold, booking, block, price, hours, policy, role or membership change
/// appends to it, on any instance) and the current second (holds lapse and slots close as time
/// passes; instants are whole seconds, so this is exact). A request reads the version first, so a
/// document is never filed under a version older than what it saw.
/// Thread-safe; bounded.
class AvailabilityCache {
 public:
  struct Version {
    std::int64_t log_sequence;
    std::int64_t second;
    bool operator==(const Version&) const = default;
  };

  std::optional<std::string> get(const std::string& key, const Version& v) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end() || !(it->second.version == v)) return std::nullopt;
    return it->second.body;
  }

  void put(const std::string& key, const Version& v, std::string body) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= kMaxEntries) entries_.clear();  // crude, but bounded and rare
    entries_[key] = {v, std::move(body)};
  }

 private:
  static constexpr std::size_t kMaxEntries = 2000;
  struct Entry {
    Version version;
    std::string body;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace slotbase::booking
