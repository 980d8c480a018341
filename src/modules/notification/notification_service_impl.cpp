#include "notification_service_impl.h"

#include <set>

#include "catalogue.h"
#include "notification_repository.h"
#include "platform/core/zone.h"
#include "platform/log/log.h"
#include "rules/unsubscribe_token.h"

namespace slotbase::notification {
namespace {

/// A page's cursor: the last item's id when the page is full (ids sort by creation time).
template <class T>
std::optional<std::string> cursor_after(const std::vector<T>& items, int limit, auto id_of) {
  if (items.empty() || static_cast<int>(items.size()) < limit) return std::nullopt;
  return id_of(items.back());
}

}  // namespace

Result<Inbox> NotificationServiceImpl::inbox(const InboxQuery& q, const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  return db_.read([&](db::Connection& c) {
    Inbox out;
    out.items = NotificationRepository::inbox(c, *ctx.user_id, q);
    out.unread_count = NotificationRepository::unread_count(c, *ctx.user_id);
    out.next_cursor = cursor_after(out.items, q.limit, [](const Notification& n) { return n.id.str(); });
    return out;
  });
}

Result<Notification> NotificationServiceImpl::mark_read(const NotificationId& id, const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  return db_.transact([&](db::Connection& tx) -> Result<Notification> {
    auto n = NotificationRepository::find(tx, id);
    // Another user's notification, an e-mail's record, or none: the same answer.
    if (!n || n->user_id != *ctx.user_id || n->channel != Channel::in_app || n->status != DeliveryStatus::delivered)
      return Error::not_found("No such notification.");
    if (!n->read_at) {
      n->read_at = clock_.now();
      NotificationRepository::mark_read(tx, id, *ctx.user_id, *n->read_at);
    }
    return *n;
  });
}

Result<std::int64_t> NotificationServiceImpl::mark_all_read(const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  return db_.transact(
      [&](db::Connection& tx) { return NotificationRepository::mark_all_read(tx, *ctx.user_id, clock_.now()); });
}

Result<Preferences> NotificationServiceImpl::preferences(const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  return preferences_.of(*ctx.user_id);
}

Result<Preferences> NotificationServiceImpl::update_preferences(const PreferencesPatch& patch, const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  return preferences_.update(*ctx.user_id, patch);
}

Result<Unsubscribed> NotificationServiceImpl::unsubscribe_target(const std::string& token) {
  auto scope = rules::read_unsubscribe_token(unsubscribe_secret_, token);
  if (!scope || !find_type(scope->type)) return Error::invalid("token", "is not a valid unsubscribe token");
  Unsubscribed target{scope->user_id, scope->type};
  if (auto user = identity_.get_user(identity::UserId{scope->user_id}); user.ok()) target.locale = user->locale;
  return target;
}

Result<Unsubscribed> NotificationServiceImpl::unsubscribe(const std::string& token, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Unsubscribed target, unsubscribe_target(token));
  preferences_.unsubscribe(target.user_id, target.type);
  log::info("unsubscribed by one click",
            {{"user_id", target.user_id}, {"type", target.type}, {"request_id", ctx.correlation_id}});
  return target;
}

Result<DeliveryLog> NotificationServiceImpl::delivery_log(const std::string& facility_id, const DeliveryQuery& q,
                                                          const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility, orgs_.facility_for(organization::FacilityId{facility_id},
                                                        identity::Permission::facility_view, ctx));
  // A day on the facility's wall clock: [its midnight, the next one).
  std::optional<std::pair<Instant, Instant>> window;
  if (q.date)
    if (auto zone = Zone::find(facility.timezone))
      window = {zone->at(*q.date, LocalTime{0}), zone->at(Zone::add_days(*q.date, 1), LocalTime{0})};
  auto out = db_.read([&](db::Connection& c) {
    DeliveryLog out;
    out.items = NotificationRepository::facility_log(c, facility_id, q, window);
    out.attempts = NotificationRepository::facility_attempts(c, facility_id, q, window);
    out.next_cursor = cursor_after(out.items, q.limit, [](const Notification& n) { return n.id.str(); });
    return out;
  });
  // The names of the page's recipients in one call: the page holds this facility's messages only,
  // so no other club's people are named.
  std::vector<identity::UserId> ids;
  std::set<std::string> seen;
  for (const auto& n : out.items)
    if (!n.user_id.empty() && seen.insert(n.user_id).second) ids.emplace_back(n.user_id);
  for (auto& u : identity_.users(ids)) out.names.emplace(u.id.str(), std::move(u.name));
  return out;
}

Result<DeliveryRecord> NotificationServiceImpl::delivery(const std::string& facility_id, const NotificationId& id,
                                                         const Context& ctx) {
  SB_TRY(orgs_.facility_for(organization::FacilityId{facility_id}, identity::Permission::facility_view, ctx));
  auto record = db_.read([&](db::Connection& c) -> std::optional<DeliveryRecord> {
    auto n = NotificationRepository::find(c, id);
    if (!n || n->facility_id != facility_id) return std::nullopt;
    return DeliveryRecord{*n, NotificationRepository::attempts_of(c, id), std::nullopt};
  });
  if (!record) return Error::not_found("No such notification at this facility.");
  if (!record->notification.user_id.empty())
    if (auto who = identity_.get_user(identity::UserId{record->notification.user_id}); who.ok())
      record->recipient_name = who->name;
  return *record;
}

Result<OutboxPage> NotificationServiceImpl::outbox(const OutboxQuery& q, const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  if (!identity_.check_permission(ctx, identity::Permission::platform_manage, {}))
    return Error::forbidden("Only platform administrators read the outbox.");
  return db_.read([&](db::Connection& c) {
    OutboxPage out;
    out.items = NotificationRepository::outbox(c, q);
    out.next_cursor = cursor_after(out.items, q.limit, [](const OutboxMessage& m) { return m.id; });
    return out;
  });
}

Result<void> NotificationServiceImpl::receive_resend_webhook(const std::string& payload,
                                                             const WebhookSignature& signature) {
  return resend_.receive(payload, signature);
}

}  // namespace slotbase::notification
