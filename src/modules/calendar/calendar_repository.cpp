#include "calendar_repository.h"

#include "platform/db/query_as.h"

namespace slotbase::calendar {
namespace {

// Feeds: by user (the primary key) and by token hash (unique).
constexpr std::string_view kFeedOfUser = "SELECT user_id, nonce, token_hash FROM calendar_feeds WHERE user_id = $1";
constexpr std::string_view kUserOfToken = "SELECT user_id FROM calendar_feeds WHERE token_hash = $1";
constexpr std::string_view kInsertFeed = R"sql(
INSERT INTO calendar_feeds (user_id, nonce, token_hash, created_at, rotated_at) VALUES ($1, $2, $3, $4, $4)
ON CONFLICT (user_id) DO NOTHING)sql";
constexpr std::string_view kReplaceFeed = R"sql(
UPDATE calendar_feeds SET nonce = $2, token_hash = $3, rotated_at = $4 WHERE user_id = $1)sql";

// Entries: by booking (the primary key); a feed reads calendar_entries_user.
constexpr std::string_view kAddEntry = R"sql(
INSERT INTO calendar_entries (booking_id, user_id, facility_id, resource_id, start_at, end_at, status, sequence,
                              created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (booking_id) DO NOTHING)sql";
constexpr std::string_view kMoveEntry = R"sql(
UPDATE calendar_entries SET resource_id = $2, start_at = $3, end_at = $4, sequence = sequence + 1, updated_at = $5
WHERE booking_id = $1 AND (resource_id <> $2 OR start_at <> $3 OR end_at <> $4))sql";
constexpr std::string_view kSetStatus = R"sql(
UPDATE calendar_entries SET status = $2, sequence = sequence + 1, updated_at = $3
WHERE booking_id = $1 AND status <> $2)sql";
constexpr std::string_view kUserEntries = R"sql(
SELECT booking_id, user_id, facility_id, resource_id, start_at, end_at, status, sequence, created_at, updated_at
FROM calendar_entries WHERE user_id = $1 AND end_at > $2 ORDER BY start_at, booking_id LIMIT $3)sql";

Entry entry_from(const db::Row& r) {
  return {r.text(0),
          r.text(1),
          r.text(2),
          r.text(3),
          from_epoch_seconds(r.i64(4)),
          from_epoch_seconds(r.i64(5)),
          enum_at<rules::EventStatus>(r.text(6)),
          static_cast<int>(r.i64(7)),
          from_epoch_seconds(r.i64(8)),
          from_epoch_seconds(r.i64(9))};
}

}  // namespace

std::optional<StoredFeed> CalendarRepository::feed_of_user(db::Connection& c, const std::string& user_id) {
  return db::query_one_as(c, kFeedOfUser, {user_id}, [](const db::Row& r) {
    return StoredFeed{r.text(0), r.text(1), r.text(2)};
  });
}

std::optional<std::string> CalendarRepository::user_of_token_hash(db::Connection& c, const std::string& token_hash) {
  return db::query_one_as(c, kUserOfToken, {token_hash}, [](const db::Row& r) { return r.text(0); });
}

bool CalendarRepository::insert_feed(db::Connection& c, const StoredFeed& feed, Instant now) {
  return c.execute(kInsertFeed, {feed.user_id, feed.nonce, feed.token_hash, epoch_seconds(now)}) == 1;
}

void CalendarRepository::replace_feed(db::Connection& c, const StoredFeed& feed, Instant now) {
  c.execute(kReplaceFeed, {feed.user_id, feed.nonce, feed.token_hash, epoch_seconds(now)});
}

void CalendarRepository::add_entry(db::Connection& c, const Entry& e) {
  c.execute(kAddEntry, {e.booking_id, e.user_id, e.facility_id, e.resource_id, epoch_seconds(e.start),
                        epoch_seconds(e.end), std::string(to_string(e.status)), std::int64_t{e.sequence},
                        epoch_seconds(e.created_at), epoch_seconds(e.updated_at)});
}

void CalendarRepository::move_entry(db::Connection& c, const std::string& booking_id, const std::string& resource_id,
                                    Instant start, Instant end, Instant at) {
  c.execute(kMoveEntry, {booking_id, resource_id, epoch_seconds(start), epoch_seconds(end), epoch_seconds(at)});
}

void CalendarRepository::set_status(db::Connection& c, const std::string& booking_id, rules::EventStatus status,
                                    Instant at) {
  c.execute(kSetStatus, {booking_id, std::string(to_string(status)), epoch_seconds(at)});
}

std::vector<Entry> CalendarRepository::user_entries(db::Connection& c, const std::string& user_id, Instant ends_after,
                                                    int limit) {
  return db::query_as(c, kUserEntries, {user_id, epoch_seconds(ends_after), std::int64_t{limit}}, entry_from);
}

}  // namespace slotbase::calendar
