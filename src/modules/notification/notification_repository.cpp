#include "notification_repository.h"

#include <limits>

#include "platform/db/query_as.h"

namespace slotbase::notification {
namespace {

#define SB_NOTIFICATION_COLUMNS                                                                                \
  "id, type, channel, user_id, facility_id, recipient, critical, status, attempts, error, title, body, html, " \
  "data, send_after, sent_at, read_at, created_at"
constexpr std::string_view kInsert = R"sql(
INSERT INTO notifications (id, dedupe_key, event_id, type, channel, user_id, facility_id, recipient, critical, status,
                           attempts, error, title, body, html, data, send_after, sent_at, read_at, created_at,
                           updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $13, $14, $15, $16, $17, NULL, $18, $18)
ON CONFLICT (dedupe_key) DO NOTHING)sql";
constexpr std::string_view kFind = "SELECT " SB_NOTIFICATION_COLUMNS " FROM notifications WHERE id = $1";
// notifications_inbox (user_id, channel, id) bounds these: one user's, newest first, from the cursor.
constexpr std::string_view kInbox = "SELECT " SB_NOTIFICATION_COLUMNS R"sql( FROM notifications
WHERE user_id = $1 AND channel = 'in_app' AND status = 'delivered' AND ($2 = 0 OR read_at IS NULL)
  AND ($3 = '' OR id < $3)
ORDER BY id DESC LIMIT $4)sql";
// notifications_unread, a partial index on what is unread.
constexpr std::string_view kUnread = R"sql(
SELECT COUNT(*) FROM notifications
WHERE user_id = $1 AND channel = 'in_app' AND read_at IS NULL AND status = 'delivered')sql";
constexpr std::string_view kMarkRead = R"sql(
UPDATE notifications SET read_at = $3, updated_at = $3
WHERE id = $1 AND user_id = $2 AND channel = 'in_app' AND read_at IS NULL)sql";
constexpr std::string_view kMarkAllRead = R"sql(
UPDATE notifications SET read_at = $2, updated_at = $2
WHERE user_id = $1 AND channel = 'in_app' AND read_at IS NULL)sql";
constexpr std::string_view kRecordAttempt = R"sql(
UPDATE notifications SET attempts = attempts + 1, status = $2, error = $3, sent_at = COALESCE($4, sent_at),
  updated_at = $5
WHERE id = $1)sql";
// notifications_facility (facility_id, id).
constexpr std::string_view kFacilityLog = "SELECT " SB_NOTIFICATION_COLUMNS R"sql( FROM notifications
WHERE facility_id = $1 AND ($2 = '' OR status = $2) AND ($3 = '' OR user_id = $3) AND ($4 = '' OR id < $4)
  AND ($6 = '' OR type = $6) AND ($7 = '' OR channel = $7) AND created_at >= $8 AND created_at < $9
ORDER BY id DESC LIMIT $5)sql";
#undef SB_NOTIFICATION_COLUMNS

constexpr std::string_view kPreferences = "SELECT document FROM notification_preferences WHERE user_id = $1";
constexpr std::string_view kSavePreferences = R"sql(
INSERT INTO notification_preferences (user_id, document, updated_at) VALUES ($1, $2, $3)
ON CONFLICT (user_id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at)sql";

constexpr std::string_view kInsertOutbox = R"sql(
INSERT INTO mail_outbox (id, notification_id, to_address, from_address, subject, text_body, html_body, headers,
                         message, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (notification_id) DO NOTHING)sql";
// The primary key, newest first; with an address, mail_outbox_to.
constexpr std::string_view kOutbox = R"sql(
SELECT id, notification_id, to_address, from_address, subject, text_body, html_body, headers, message, created_at
FROM mail_outbox WHERE ($1 = '' OR to_address = $1) AND ($2 = '' OR id < $2) ORDER BY id DESC LIMIT $3)sql";

constexpr std::string_view kInsertOffer = R"sql(
INSERT INTO notification_offers (hold_id, entry_id, user_id, facility_id, resource_id, start_at, end_at,
                                 claim_deadline, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (hold_id) DO NOTHING)sql";
constexpr std::string_view kOffer = R"sql(
SELECT hold_id, entry_id, user_id, facility_id, resource_id, start_at, end_at, claim_deadline
FROM notification_offers WHERE hold_id = $1)sql";

std::optional<Instant> opt_instant(const db::Row& r, std::size_t i) {
  if (auto v = r.opt_i64(i)) return from_epoch_seconds(*v);
  return std::nullopt;
}

db::Param opt_epoch(const std::optional<Instant>& t) {
  if (!t) return nullptr;
  return epoch_seconds(*t);
}

Notification notification_from(const db::Row& r) {
  Notification n;
  n.id = NotificationId{r.text(0)};
  n.type = r.text(1);
  n.channel = enum_at<Channel>(r.text(2));
  n.user_id = r.text(3);
  n.facility_id = r.opt_text(4);
  n.recipient = r.text(5);
  n.critical = r.boolean(6);
  n.status = enum_at<DeliveryStatus>(r.text(7));
  n.attempts = static_cast<int>(r.i64(8));
  n.error = r.opt_text(9);
  n.title = r.text(10);
  n.body = r.text(11);
  n.html = r.opt_text(12);
  n.data = nlohmann::json::parse(r.text(13));
  n.send_after = from_epoch_seconds(r.i64(14));
  n.sent_at = opt_instant(r, 15);
  n.read_at = opt_instant(r, 16);
  n.created_at = from_epoch_seconds(r.i64(17));
  return n;
}

OutboxMessage outbox_from(const db::Row& r) {
  OutboxMessage m;
  m.id = r.text(0);
  m.notification_id = r.text(1);
  m.to = r.text(2);
  m.from = r.text(3);
  m.subject = r.text(4);
  m.text = r.text(5);
  m.html = r.text(6);
  const auto headers = nlohmann::json::parse(r.text(7));
  for (const auto& [k, v] : headers.items()) m.headers[k] = v.get<std::string>();
  m.message = r.text(8);
  m.created_at = from_epoch_seconds(r.i64(9));
  return m;
}

}  // namespace

bool NotificationRepository::insert(db::Connection& c, const Notification& n, const std::string& dedupe_key,
                                    const std::optional<std::string>& event_id) {
  return c.execute(kInsert, {n.id.str(), dedupe_key, db::opt(event_id), n.type, str(n.channel), n.user_id,
                             db::opt(n.facility_id), n.recipient, n.critical, str(n.status), db::opt(n.error), n.title,
                             n.body, db::opt(n.html), n.data.dump(), epoch_seconds(n.send_after), opt_epoch(n.sent_at),
                             epoch_seconds(n.created_at)}) == 1;
}

std::optional<Notification> NotificationRepository::find(db::Connection& c, const NotificationId& id) {
  return db::query_one_as(c, kFind, {id.str()}, notification_from);
}

std::vector<Notification> NotificationRepository::inbox(db::Connection& c, const std::string& user_id,
                                                        const InboxQuery& q) {
  return db::query_as(c, kInbox,
                      {user_id, std::int64_t{q.unread_only ? 1 : 0}, q.cursor.value_or(""), std::int64_t{q.limit}},
                      notification_from);
}

std::int64_t NotificationRepository::unread_count(db::Connection& c, const std::string& user_id) {
  return c.query_one(kUnread, {user_id})->i64(0);
}

bool NotificationRepository::mark_read(db::Connection& c, const NotificationId& id, const std::string& user_id,
                                       Instant now) {
  return c.execute(kMarkRead, {id.str(), user_id, epoch_seconds(now)}) == 1;
}

std::int64_t NotificationRepository::mark_all_read(db::Connection& c, const std::string& user_id, Instant now) {
  return c.execute(kMarkAllRead, {user_id, epoch_seconds(now)});
}

void NotificationRepository::record_attempt(db::Connection& c, const NotificationId& id, DeliveryStatus status,
                                            const std::optional<std::string>& error, std::optional<Instant> sent_at,
                                            Instant now) {
  c.execute(kRecordAttempt, {id.str(), str(status), db::opt(error), opt_epoch(sent_at), epoch_seconds(now)});
}

std::vector<Notification> NotificationRepository::facility_log(
    db::Connection& c, const std::string& facility_id, const DeliveryQuery& q,
    const std::optional<std::pair<Instant, Instant>>& window) {
  const std::int64_t since = window ? epoch_seconds(window->first) : std::numeric_limits<std::int64_t>::min();
  const std::int64_t until = window ? epoch_seconds(window->second) : std::numeric_limits<std::int64_t>::max();
  return db::query_as(
      c, kFacilityLog,
      {facility_id, q.status ? str(*q.status) : std::string(), q.user_id.value_or(""), q.cursor.value_or(""),
       std::int64_t{q.limit}, q.type.value_or(""), q.channel ? str(*q.channel) : std::string(), since, until},
      notification_from);
}

std::optional<nlohmann::json> NotificationRepository::preferences(db::Connection& c, const std::string& user_id) {
  return db::query_one_as(c, kPreferences, {user_id},
                          [](const db::Row& r) { return nlohmann::json::parse(r.text(0)); });
}

void NotificationRepository::save_preferences(db::Connection& c, const std::string& user_id,
                                              const nlohmann::json& document, Instant now) {
  c.execute(kSavePreferences, {user_id, document.dump(), epoch_seconds(now)});
}

void NotificationRepository::insert_outbox(db::Connection& c, const OutboxMessage& m) {
  c.execute(kInsertOutbox, {m.id, m.notification_id, m.to, m.from, m.subject, m.text, m.html,
                            nlohmann::json(m.headers).dump(), m.message, epoch_seconds(m.created_at)});
}

std::vector<OutboxMessage> NotificationRepository::outbox(db::Connection& c, const OutboxQuery& q) {
  return db::query_as(c, kOutbox, {q.to.value_or(""), q.cursor.value_or(""), std::int64_t{q.limit}}, outbox_from);
}

void NotificationRepository::insert_offer(db::Connection& c, const StoredOffer& o, Instant now) {
  c.execute(kInsertOffer, {o.hold_id, o.entry_id, o.user_id, o.facility_id, o.resource_id, epoch_seconds(o.start),
                           epoch_seconds(o.end), epoch_seconds(o.claim_deadline), epoch_seconds(now)});
}

std::optional<StoredOffer> NotificationRepository::offer(db::Connection& c, const std::string& hold_id) {
  return db::query_one_as(c, kOffer, {hold_id}, [](const db::Row& r) {
    return StoredOffer{r.text(0),
                       r.text(1),
                       r.text(2),
                       r.text(3),
                       r.text(4),
                       from_epoch_seconds(r.i64(5)),
                       from_epoch_seconds(r.i64(6)),
                       from_epoch_seconds(r.i64(7))};
  });
}

}  // namespace slotbase::notification
