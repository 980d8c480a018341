#include "push_subscriptions.h"

#include "platform/core/ids.h"
#include "platform/db/query_as.h"
#include "rules/web_push.h"

namespace slotbase::notification {
namespace {

#define SB_PUSH_COLUMNS "id, user_id, endpoint, p256dh, auth, created_at, last_success_at, failure_count, last_error"
// The endpoint's unique index.
constexpr std::string_view kByEndpoint = "SELECT " SB_PUSH_COLUMNS " FROM push_subscriptions WHERE endpoint = $1";
constexpr std::string_view kById = "SELECT " SB_PUSH_COLUMNS " FROM push_subscriptions WHERE id = $1";
// push_subscriptions_user.
constexpr std::string_view kOfUser =
    "SELECT " SB_PUSH_COLUMNS " FROM push_subscriptions WHERE user_id = $1 ORDER BY id LIMIT 100";
#undef SB_PUSH_COLUMNS
// A second opt-in on the same device (or a race of two) lands on the one row of its endpoint.
constexpr std::string_view kUpsert = R"sql(
INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at, updated_at, failure_count)
VALUES ($1, $2, $3, $4, $5, $6, $6, 0)
ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth,
  updated_at = excluded.updated_at, failure_count = 0, last_error = NULL)sql";
constexpr std::string_view kDelete = "DELETE FROM push_subscriptions WHERE endpoint = $1 AND user_id = $2";
constexpr std::string_view kDeleteById = "DELETE FROM push_subscriptions WHERE id = $1";
constexpr std::string_view kSuccess = R"sql(
UPDATE push_subscriptions SET last_success_at = $2, failure_count = 0, last_error = NULL, updated_at = $2
WHERE id = $1)sql";
constexpr std::string_view kFailure = R"sql(
UPDATE push_subscriptions SET failure_count = failure_count + 1, last_error = $2, updated_at = $3 WHERE id = $1)sql";

PushSubscription subscription_from(const db::Row& r) {
  PushSubscription s;
  s.id = r.text(0);
  s.user_id = r.text(1);
  s.endpoint = r.text(2);
  s.p256dh = r.text(3);
  s.auth = r.text(4);
  s.created_at = from_epoch_seconds(r.i64(5));
  if (auto t = r.opt_i64(6)) s.last_success_at = from_epoch_seconds(*t);
  s.failure_count = static_cast<int>(r.i64(7));
  s.last_error = r.opt_text(8);
  return s;
}

/// The key as stored: unpadded, as browsers send it.
std::string unpadded(std::string s) {
  while (!s.empty() && s.back() == '=') s.pop_back();
  return s;
}

}  // namespace

Result<Subscribed> PushSubscriptions::subscribe(const std::string& user_id, const PushSubscriptionInput& in) {
  auto errors = rules::check_subscription(in.endpoint, in.p256dh, in.auth, allow_loopback_http_);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  const Instant now = clock_.now();
  return db_.transact([&](db::Connection& tx) -> Result<Subscribed> {
    const bool known = db::query_one_as(tx, kByEndpoint, {in.endpoint}, subscription_from).has_value();
    tx.execute(kUpsert,
               {new_id("psub"), user_id, in.endpoint, unpadded(in.p256dh), unpadded(in.auth), epoch_seconds(now)});
    auto saved = db::query_one_as(tx, kByEndpoint, {in.endpoint}, subscription_from);
    return Subscribed{std::move(*saved), !known};
  });
}

Result<void> PushSubscriptions::unsubscribe(const std::string& user_id, const std::string& endpoint) {
  // Turning off is idempotent: afterwards the endpoint pushes nothing to the caller, whether it
  // was theirs, was gone already, or is someone else's (which stays theirs, and is not revealed).
  db_.transact([&](db::Connection& tx) { tx.execute(kDelete, {endpoint, user_id}); });
  return Ok{};
}

std::vector<PushSubscription> PushSubscriptions::of_user(const std::string& user_id) const {
  return db_.read([&](db::Connection& c) { return db::query_as(c, kOfUser, {user_id}, subscription_from); });
}

std::optional<PushSubscription> PushSubscriptions::find(const std::string& id) const {
  return db_.read([&](db::Connection& c) { return db::query_one_as(c, kById, {id}, subscription_from); });
}

void PushSubscriptions::record_success(db::Connection& tx, const std::string& id, Instant now) {
  tx.execute(kSuccess, {id, epoch_seconds(now)});
}

void PushSubscriptions::record_failure(db::Connection& tx, const std::string& id, const std::string& error,
                                       Instant now) {
  tx.execute(kFailure, {id, error, epoch_seconds(now)});
}

void PushSubscriptions::remove(db::Connection& tx, const std::string& id) {
  tx.execute(kDeleteById, {id});
}

}  // namespace slotbase::notification
