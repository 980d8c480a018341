#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "notification/notification_types.h"
#include "platform/db/database.h"

namespace slotbase::notification {

/// A waitlist offer as the module remembers it, to tell its player when it lapses.
struct StoredOffer {
  std::string hold_id;
  std::string entry_id;
  std::string user_id;
  std::string facility_id;
  std::string resource_id;
  Instant start{};
  Instant end{};
  Instant claim_deadline{};
};

/// The notification module's tables. Every method runs in the caller's transaction.
class NotificationRepository {
 public:
  /// Inserts unless a notification of the same dedupe key exists; whether it inserted.
  static bool insert(db::Connection& c, const Notification& n, const std::string& dedupe_key,
                     const std::optional<std::string>& event_id);
  static std::optional<Notification> find(db::Connection& c, const NotificationId& id);

  static std::vector<Notification> inbox(db::Connection& c, const std::string& user_id, const InboxQuery& q);
  static std::int64_t unread_count(db::Connection& c, const std::string& user_id);
  /// Marks the user's in-app notification read if it was not; whether it changed.
  static bool mark_read(db::Connection& c, const NotificationId& id, const std::string& user_id, Instant now);
  static std::int64_t mark_all_read(db::Connection& c, const std::string& user_id, Instant now);

  /// After an attempt to send: the status it left, its error, and when it was sent.
  static void record_attempt(db::Connection& c, const NotificationId& id, DeliveryStatus status,
                             const std::optional<std::string>& error, std::optional<Instant> sent_at, Instant now);
  /// `window`: made within [first, second), else at any time.
  static std::vector<Notification> facility_log(db::Connection& c, const std::string& facility_id,
                                                const DeliveryQuery& q,
                                                const std::optional<std::pair<Instant, Instant>>& window);

  static std::optional<nlohmann::json> preferences(db::Connection& c, const std::string& user_id);
  static void save_preferences(db::Connection& c, const std::string& user_id, const nlohmann::json& document,
                               Instant now);

  /// Keeps an e-mail in the local outbox (once per notification).
  static void insert_outbox(db::Connection& c, const OutboxMessage& m);
  static std::vector<OutboxMessage> outbox(db::Connection& c, const OutboxQuery& q);

  static void insert_offer(db::Connection& c, const StoredOffer& o, Instant now);
  static std::optional<StoredOffer> offer(db::Connection& c, const std::string& hold_id);
};

}  // namespace slotbase::notification
