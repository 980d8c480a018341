#include "feeds.h"

#include <cctype>

#include "calendar_repository.h"
#include "platform/core/encoding.h"
#include "platform/core/ids.h"

namespace slotbase::calendar {
namespace {

/// A token's length: 32 bytes in base64url.
constexpr std::size_t kTokenLength = 43;

bool looks_like_token(const std::string& token) {
  if (token.size() != kTokenLength) return false;
  for (char c : token)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

}  // namespace

std::string Feeds::token_of(const std::string& nonce) const {
  return base64url_encode(hmac_sha256(key_, "calendar-feed:" + nonce));
}

FeedLink Feeds::link(const std::string& token) const {
  return {token, "/api/v1/calendar/" + token + ".ics"};
}

FeedLink Feeds::feed_of(const std::string& user_id, bool* made) {
  if (made) *made = false;
  auto stored = db_.read([&](db::Connection& c) { return CalendarRepository::feed_of_user(c, user_id); });
  if (stored) {
    auto token = token_of(stored->nonce);
    if (sha256_hex(token) == stored->token_hash) return link(token);
    // The feed key changed (a new data directory): the old link opens nothing any more, so the
    // owner is given the one the key makes now.
    db_.transact([&](db::Connection& tx) {
      CalendarRepository::replace_feed(tx, {user_id, stored->nonce, sha256_hex(token)}, clock_.now());
    });
    return link(token);
  }
  const std::string nonce = random_token(32);
  const std::string token = token_of(nonce);
  const bool inserted = db_.transact([&](db::Connection& tx) {
    return CalendarRepository::insert_feed(tx, {user_id, nonce, sha256_hex(token)}, clock_.now());
  });
  // Two first visits at once: the one stored first is the feed.
  if (!inserted) return feed_of(user_id);
  if (made) *made = true;
  return link(token);
}

FeedLink Feeds::rotate(const std::string& user_id) {
  const std::string nonce = random_token(32);
  const std::string token = token_of(nonce);
  db_.transact([&](db::Connection& tx) {
    CalendarRepository::replace_feed(tx, {user_id, nonce, sha256_hex(token)}, clock_.now());
  });
  return link(token);
}

std::optional<std::string> Feeds::owner_of(const std::string& token) {
  if (!looks_like_token(token)) return std::nullopt;
  return db_.read([&](db::Connection& c) { return CalendarRepository::user_of_token_hash(c, sha256_hex(token)); });
}

}  // namespace slotbase::calendar
