#pragma once

#include <cstdint>
#include <string>

#include "notification/notification_types.h"
#include "platform/core/context.h"
#include "platform/core/result.h"

namespace slotbase::notification {

/// What the module's routes and other modules may ask of notifications: a user's in-app inbox
/// and read state, their preferences and one-click unsubscribe, a facility's delivery log for
/// its staff, and the local mail outbox for platform administrators. Messages themselves are
/// made by the module from the events it hears, never on request. Thread-safe.
class NotificationService {
 public:
  virtual ~NotificationService() = default;

  /// The caller's in-app notifications, newest first, and how many are unread.
  virtual Result<Inbox> inbox(const InboxQuery& q, const Context& ctx) = 0;
  /// Marks one of the caller's notifications read (again: no change); not_found for anyone
  /// else's.
  virtual Result<Notification> mark_read(const NotificationId& id, const Context& ctx) = 0;
  /// Marks all of the caller's notifications read; how many were unread.
  virtual Result<std::int64_t> mark_all_read(const Context& ctx) = 0;

  /// The caller's preferences, every type of the catalogue with its channels.
  virtual Result<Preferences> preferences(const Context& ctx) = 0;
  /// invalid_argument naming the field for an unknown type or channel, a time that is not
  /// HH:MM, or a zone the tz database does not know.
  virtual Result<Preferences> update_preferences(const PreferencesPatch& patch, const Context& ctx) = 0;

  /// What an unsubscribe token stands for, changing nothing (the page a link opens);
  /// invalid_argument "token" for a token that is not ours.
  virtual Result<Unsubscribed> unsubscribe_target(const std::string& token) = 0;
  /// Turns e-mail off for the token's user and type (RFC 8058's one-click POST); again: no change.
  virtual Result<Unsubscribed> unsubscribe(const std::string& token, const Context& ctx) = 0;

  /// Staff of the facility: its messages and how each went, newest first.
  virtual Result<DeliveryLog> delivery_log(const std::string& facility_id, const DeliveryQuery& q,
                                           const Context& ctx) = 0;
  /// Staff of the facility: one of its messages as it was sent (with its HTML); not_found for
  /// another facility's.
  virtual Result<DeliveryRecord> delivery(const std::string& facility_id, const NotificationId& id,
                                          const Context& ctx) = 0;
  /// Platform administrators: the e-mails and texts kept in the local outbox, newest first.
  virtual Result<OutboxPage> outbox(const OutboxQuery& q, const Context& ctx) = 0;

  /// A Resend webhook: a bounce or a complaint marks the address undeliverable (a bounce also
  /// fails the message), a delivery marks it delivered; a repeat changes nothing. malformed for a
  /// bad or old signature; not_found when Resend webhooks are not configured.
  virtual Result<void> receive_resend_webhook(const std::string& payload, const WebhookSignature& signature) = 0;
};

}  // namespace slotbase::notification
