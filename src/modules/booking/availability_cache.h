#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace slotbase::booking {

/// Rendered availability documents. A document stays true while the event log has not moved
/// (every hold, booking, block, price, hours, policy, role or membership change appends to it, on
/// any instance) and time has not reached the first moment its slots would change by themselves
/// (a hold lapsing, a slot closing; see Availability::valid_until). A request reads the log's
/// position first, so a document is never filed under a position older than what it saw.
/// Thread-safe; bounded.
class AvailabilityCache {
 public:
  /// Where the event log is, and the current second.
  struct Version {
    std::int64_t log_sequence;
    std::int64_t second;
  };

  /// A rendered document and the same gzipped, shared rather than copied.
  struct Document {
    std::shared_ptr<const std::string> body;
    std::shared_ptr<const std::string> gzipped;
  };

  std::optional<Document> get(const std::string& key, const Version& v) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    const Entry& e = it->second;
    if (e.log_sequence != v.log_sequence || v.second < e.from || v.second >= e.until) return std::nullopt;
    return e.document;
  }

  /// Files `document`, worked out after reading `v`, as true for the seconds [from, until).
  void put(const std::string& key, const Version& v, std::int64_t from, std::int64_t until, Document document) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= kMaxEntries) entries_.clear();  // crude, but bounded and rare
    entries_[key] = {v.log_sequence, from, until, std::move(document)};
  }

 private:
  static constexpr std::size_t kMaxEntries = 2000;
  struct Entry {
    std::int64_t log_sequence;
    std::int64_t from;
    std::int64_t until;
    Document document;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace slotbase::booking
