#include "notification_repository.h"

#include <limits>

#include "platform/db/query_as.h"

namespace slotbase::notification {
namespace {

#define SB_NOTIFICATION_COLUMNS                                                                                \
  "id, type, channel, user_id, facility_id, recipient, critical, status, attempts, error, title, body, html, " \
  "data, send_after, sent_at, read_at, created_at, provider_id, batch_key"
constexpr std::string_view kInsert = R"sql(
INSERT INTO notifications (id, dedupe_key, event_id, type, channel, user_id, facility_id, recipient, critical, status,
                           attempts, error, title, body, html, data, send_after, sent_at, read_at, created_at,
                           updated_at, batch_key)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $13, $14, $15, $16, $17, NULL, $18, $18, $19)
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
// notifications_facility (facility_id, id); each row's recipient looked up once in the
// undeliverable list by its primary key.
constexpr std::string_view kFacilityLog = R"sql(
SELECT n.id, n.type, n.channel, n.user_id, n.facility_id, n.recipient, n.critical, n.status, n.attempts, n.error,
       n.title, n.body, n.html, n.data, n.send_after, n.sent_at, n.read_at, n.created_at, n.provider_id, n.batch_key,
       CASE WHEN u.recipient IS NULL THEN 0 ELSE 1 END
FROM notifications n LEFT JOIN undeliverable_recipients u ON u.channel = n.channel AND u.recipient = n.recipient
WHERE n.facility_id = $1 AND ($2 = '' OR n.status = $2) AND ($3 = '' OR n.user_id = $3) AND ($4 = '' OR n.id < $4)
  AND ($6 = '' OR n.type = $6) AND ($7 = '' OR n.channel = $7) AND n.created_at >= $8 AND n.created_at < $9
ORDER BY n.id DESC LIMIT $5)sql";
// The attempts of the page kFacilityLog returns (the same filter), in one query.
constexpr std::string_view kFacilityAttempts = R"sql(
SELECT a.notification_id, a.at, a.provider, a.outcome, a.error FROM notification_attempts a
WHERE a.notification_id IN (
  SELECT id FROM notifications
  WHERE facility_id = $1 AND ($2 = '' OR status = $2) AND ($3 = '' OR user_id = $3) AND ($4 = '' OR id < $4)
    AND ($6 = '' OR type = $6) AND ($7 = '' OR channel = $7) AND created_at >= $8 AND created_at < $9
  ORDER BY id DESC LIMIT $5)
ORDER BY a.notification_id, a.at, a.id)sql";
constexpr std::string_view kLogAttempt = R"sql(
INSERT INTO notification_attempts (id, notification_id, at, provider, outcome, error) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO NOTHING)sql";
constexpr std::string_view kSetProviderId = "UPDATE notifications SET provider_id = $2 WHERE id = $1";
// notifications_provider.
constexpr std::string_view kByProviderId =
    "SELECT " SB_NOTIFICATION_COLUMNS " FROM notifications WHERE provider_id = $1 AND channel = $2";
constexpr std::string_view kSetStatus = R"sql(
UPDATE notifications SET status = $2, error = $3, updated_at = $4 WHERE id = $1)sql";
// notifications_batch.
constexpr std::string_view kHeld = "SELECT " SB_NOTIFICATION_COLUMNS R"sql( FROM notifications
WHERE batch_key = $1 AND status = 'queued' ORDER BY id)sql";
// Only one gatherer takes a held message: on PostgreSQL a second one waits for the first's row
// lock, then finds batch_key gone.
constexpr std::string_view kClaimHeld = R"sql(
UPDATE notifications SET batch_key = NULL, updated_at = $2 WHERE id = $1 AND batch_key IS NOT NULL AND status = 'queued')sql";
constexpr std::string_view kRewrite = R"sql(
UPDATE notifications SET title = $2, body = $3, html = $4, data = $5, send_after = $6, updated_at = $7 WHERE id = $1)sql";
#undef SB_NOTIFICATION_COLUMNS

constexpr std::string_view kUndeliverable =
    "SELECT reason FROM undeliverable_recipients WHERE channel = $1 AND recipient = $2";
// The first reason stays: a later bounce of the same address adds nothing.
constexpr std::string_view kMarkUndeliverable = R"sql(
INSERT INTO undeliverable_recipients (channel, recipient, user_id, reason, source, notification_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (channel, recipient) DO NOTHING)sql";
constexpr std::string_view kForgetUndeliverable =
    "DELETE FROM undeliverable_recipients WHERE channel = $1 AND recipient = $2";

// One row per user, channel and hour: the increment takes the row's lock, so two writers never
// both see room for the last message.
constexpr std::string_view kTakeRate = R"sql(
INSERT INTO notification_rate (user_id, channel, window_start, sent) VALUES ($1, $2, $3, 1)
ON CONFLICT (user_id, channel, window_start) DO UPDATE SET sent = notification_rate.sent + 1
RETURNING sent)sql";
constexpr std::string_view kForgetRates = "DELETE FROM notification_rate WHERE user_id = $1 AND window_start < $2";

constexpr std::string_view kPreferences = "SELECT document FROM notification_preferences WHERE user_id = $1";
constexpr std::string_view kSavePreferences = R"sql(
INSERT INTO notification_preferences (user_id, document, updated_at) VALUES ($1, $2, $3)
ON CONFLICT (user_id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at)sql";

constexpr std::string_view kInsertOutbox = R"sql(
INSERT INTO mail_outbox (id, notification_id, to_address, from_address, subject, text_body, html_body, headers,
                         message, created_at, channel)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (notification_id) DO NOTHING)sql";
// The primary key, newest first; with an address, mail_outbox_to.
constexpr std::string_view kOutbox = R"sql(
SELECT id, notification_id, to_address, from_address, subject, text_body, html_body, headers, message, created_at,
       channel
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
  n.provider_id = r.opt_text(18);
  n.batch_key = r.opt_text(19);
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
  m.channel = r.text(10);
  return m;
}

}  // namespace

bool NotificationRepository::insert(db::Connection& c, const Notification& n, const std::string& dedupe_key,
                                    const std::optional<std::string>& event_id) {
  return c.execute(kInsert, {n.id.str(), dedupe_key, db::opt(event_id), n.type, str(n.channel), n.user_id,
                             db::opt(n.facility_id), n.recipient, n.critical, str(n.status), db::opt(n.error), n.title,
                             n.body, db::opt(n.html), n.data.dump(), epoch_seconds(n.send_after), opt_epoch(n.sent_at),
                             epoch_seconds(n.created_at), db::opt(n.batch_key)}) == 1;
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

namespace {

/// The delivery log's filters as the queries' parameters $1-$9.
db::Params log_params(const std::string& facility_id, const DeliveryQuery& q,
                      const std::optional<std::pair<Instant, Instant>>& window) {
  const std::int64_t since = window ? epoch_seconds(window->first) : std::numeric_limits<std::int64_t>::min();
  const std::int64_t until = window ? epoch_seconds(window->second) : std::numeric_limits<std::int64_t>::max();
  return {facility_id,
          q.status ? str(*q.status) : std::string(),
          q.user_id.value_or(""),
          q.cursor.value_or(""),
          std::int64_t{q.limit},
          q.type.value_or(""),
          q.channel ? str(*q.channel) : std::string(),
          since,
          until};
}

}  // namespace

std::vector<Notification> NotificationRepository::facility_log(
    db::Connection& c, const std::string& facility_id, const DeliveryQuery& q,
    const std::optional<std::pair<Instant, Instant>>& window) {
  return db::query_as(c, kFacilityLog, log_params(facility_id, q, window), [](const db::Row& r) {
    Notification n = notification_from(r);
    n.undeliverable = r.i64(20) != 0;
    return n;
  });
}

std::map<std::string, std::vector<DeliveryAttempt>> NotificationRepository::facility_attempts(
    db::Connection& c, const std::string& facility_id, const DeliveryQuery& q,
    const std::optional<std::pair<Instant, Instant>>& window) {
  std::map<std::string, std::vector<DeliveryAttempt>> out;
  for (const auto& r : c.query(kFacilityAttempts, log_params(facility_id, q, window)))
    out[r.text(0)].push_back({from_epoch_seconds(r.i64(1)), r.text(2), r.text(3), r.opt_text(4)});
  return out;
}

std::vector<DeliveryAttempt> NotificationRepository::attempts_of(db::Connection& c, const NotificationId& id) {
  return db::query_as(c,
                      "SELECT at, provider, outcome, error FROM notification_attempts WHERE notification_id = $1 "
                      "ORDER BY at, id",
                      {id.str()}, [](const db::Row& r) {
                        return DeliveryAttempt{from_epoch_seconds(r.i64(0)), r.text(1), r.text(2), r.opt_text(3)};
                      });
}

void NotificationRepository::log_attempt(db::Connection& c, const std::string& key, const NotificationId& id,
                                         const DeliveryAttempt& a) {
  c.execute(kLogAttempt, {key, id.str(), epoch_seconds(a.at), a.provider, a.outcome, db::opt(a.error)});
}

void NotificationRepository::set_provider_id(db::Connection& c, const NotificationId& id,
                                             const std::string& provider_id) {
  c.execute(kSetProviderId, {id.str(), provider_id});
}

std::optional<Notification> NotificationRepository::by_provider_id(db::Connection& c, const std::string& provider_id,
                                                                   Channel channel) {
  return db::query_one_as(c, kByProviderId, {provider_id, str(channel)}, notification_from);
}

void NotificationRepository::set_status(db::Connection& c, const NotificationId& id, DeliveryStatus status,
                                        const std::optional<std::string>& error, Instant now) {
  c.execute(kSetStatus, {id.str(), str(status), db::opt(error), epoch_seconds(now)});
}

std::vector<Notification> NotificationRepository::held(db::Connection& c, const std::string& batch_key) {
  return db::query_as(c, kHeld, {batch_key}, notification_from);
}

bool NotificationRepository::claim_held(db::Connection& c, const NotificationId& id, Instant now) {
  return c.execute(kClaimHeld, {id.str(), epoch_seconds(now)}) == 1;
}

void NotificationRepository::rewrite(db::Connection& c, const Notification& n, Instant now) {
  c.execute(kRewrite, {n.id.str(), n.title, n.body, db::opt(n.html), n.data.dump(), epoch_seconds(n.send_after),
                       epoch_seconds(now)});
}

std::optional<std::string> NotificationRepository::undeliverable(db::Connection& c, Channel channel,
                                                                 const std::string& recipient) {
  return db::query_one_as(c, kUndeliverable, {str(channel), recipient}, [](const db::Row& r) { return r.text(0); });
}

void NotificationRepository::mark_undeliverable(db::Connection& c, const Undeliverable& u, Instant now) {
  c.execute(kMarkUndeliverable, {str(u.channel), u.recipient, db::opt(u.user_id), u.reason, u.source,
                                 db::opt(u.notification_id), epoch_seconds(now)});
}

void NotificationRepository::forget_undeliverable(db::Connection& c, Channel channel, const std::string& recipient) {
  c.execute(kForgetUndeliverable, {str(channel), recipient});
}

std::int64_t NotificationRepository::take_rate(db::Connection& c, const std::string& user_id, Channel channel,
                                               Instant window_start) {
  c.execute(kForgetRates, {user_id, epoch_seconds(window_start) - 86400});
  return c.query_one(kTakeRate, {user_id, str(channel), epoch_seconds(window_start)})->i64(0);
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
                            nlohmann::json(m.headers).dump(), m.message, epoch_seconds(m.created_at), m.channel});
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
