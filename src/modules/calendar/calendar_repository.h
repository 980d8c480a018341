#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/core/time.h"
#include "platform/db/database.h"
#include "rules/ics.h"

namespace slotbase::calendar {

/// A user's feed as stored: the token is not, only what makes it again with the feed key and
/// its SHA-256, by which a request finds the feed.
struct StoredFeed {
  std::string user_id;
  std::string nonce;
  std::string token_hash;
};

/// A booking as the calendar knows it from the booking events: one VEVENT of its user's feed.
struct Entry {
  std::string booking_id;
  std::string user_id;
  std::string facility_id;
  std::string resource_id;
  Instant start;
  Instant end;
  rules::EventStatus status = rules::EventStatus::confirmed;
  int sequence = 0;  // raised by each change a calendar must take (RFC 5545 SEQUENCE)
  Instant created_at;
  Instant updated_at;
};

/// The calendar module's tables. Every method runs in the caller's transaction.
class CalendarRepository {
 public:
  static std::optional<StoredFeed> feed_of_user(db::Connection& c, const std::string& user_id);
  static std::optional<std::string> user_of_token_hash(db::Connection& c, const std::string& token_hash);
  /// False when the user has a feed already.
  static bool insert_feed(db::Connection& c, const StoredFeed& feed, Instant now);
  static void replace_feed(db::Connection& c, const StoredFeed& feed, Instant now);

  /// Nothing when the booking has an entry already.
  static void add_entry(db::Connection& c, const Entry& e);
  /// Moves the entry and raises its sequence, if it was elsewhere.
  static void move_entry(db::Connection& c, const std::string& booking_id, const std::string& resource_id,
                         Instant start, Instant end, Instant at);
  /// Sets the entry's status and raises its sequence, if it had another.
  static void set_status(db::Connection& c, const std::string& booking_id, rules::EventStatus status, Instant at);
  /// The user's entries that end after `ends_after`, by start, at most `limit`.
  static std::vector<Entry> user_entries(db::Connection& c, const std::string& user_id, Instant ends_after, int limit);
};

}  // namespace slotbase::calendar
