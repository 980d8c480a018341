#pragma once

#include <optional>
#include <string>

#include "calendar/calendar_types.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"

namespace slotbase::calendar {

/// The users' secret feed tokens. A token is 256 bits: the HMAC, under the server's feed key, of
/// a random nonce (platform random_token) kept with the feed. The database holds the nonce and
/// the token's SHA-256, never the token: a copy of the database alone opens no feed, and a
/// request's token is found by its hash. The owner is shown the same link on each visit (made
/// again from the nonce) until they ask for a new one. Thread-safe.
class Feeds {
 public:
  Feeds(db::Database& db, const Clock& clock, std::string key) : db_(db), clock_(clock), key_(std::move(key)) {}

  /// The user's feed, made if there was none; `made` says whether it was.
  FeedLink feed_of(const std::string& user_id, bool* made = nullptr);
  /// A new token for the user's feed, which exists (feed_of); the old one names nothing now.
  FeedLink rotate(const std::string& user_id);
  /// The user whose feed `token` names.
  std::optional<std::string> owner_of(const std::string& token);

 private:
  std::string token_of(const std::string& nonce) const;
  FeedLink link(const std::string& token) const;

  db::Database& db_;
  const Clock& clock_;
  std::string key_;
};

}  // namespace slotbase::calendar
