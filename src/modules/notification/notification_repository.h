#pragma once

#include <map>
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

/// An address or number found unreachable, and why.
struct Undeliverable {
  Channel channel = Channel::email;
  std::string recipient;
  std::optional<std::string> user_id;
  std::string reason;
  std::string source;  // smtp | resend | twilio
  std::optional<std::string> notification_id;
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
  /// A page of the facility's log, each row with whether its recipient is now undeliverable;
  /// `window`: made within [first, second), else at any time.
  static std::vector<Notification> facility_log(db::Connection& c, const std::string& facility_id,
                                                const DeliveryQuery& q,
                                                const std::optional<std::pair<Instant, Instant>>& window);
  /// The attempts of the rows facility_log returns for the same query.
  static std::map<std::string, std::vector<DeliveryAttempt>> facility_attempts(
      db::Connection& c, const std::string& facility_id, const DeliveryQuery& q,
      const std::optional<std::pair<Instant, Instant>>& window);
  /// One message's attempts, in order.
  static std::vector<DeliveryAttempt> attempts_of(db::Connection& c, const NotificationId& id);
  /// Adds to a message's attempts; `key` makes it once (a repeated webhook adds nothing).
  static void log_attempt(db::Connection& c, const std::string& key, const NotificationId& id,
                          const DeliveryAttempt& a);
  static void set_provider_id(db::Connection& c, const NotificationId& id, const std::string& provider_id);
  static std::optional<Notification> by_provider_id(db::Connection& c, const std::string& provider_id, Channel channel);
  /// A status set without an attempt: a bounce, a delivery report, the cap, a batch.
  static void set_status(db::Connection& c, const NotificationId& id, DeliveryStatus status,
                         const std::optional<std::string>& error, Instant now);

  /// The queued messages held under a batch key, oldest first.
  static std::vector<Notification> held(db::Connection& c, const std::string& batch_key);
  /// Takes a held message out of its batch; false when another gatherer took it first.
  static bool claim_held(db::Connection& c, const NotificationId& id, Instant now);
  /// A message's text, data and time to go, as it will be sent.
  static void rewrite(db::Connection& c, const Notification& n, Instant now);

  /// Why the address or number is undeliverable, if it is.
  static std::optional<std::string> undeliverable(db::Connection& c, Channel channel, const std::string& recipient);
  static void mark_undeliverable(db::Connection& c, const Undeliverable& u, Instant now);
  static void forget_undeliverable(db::Connection& c, Channel channel, const std::string& recipient);

  /// Counts one message against the user's cap on the channel in the window; the count with it.
  /// Windows a day old are forgotten.
  static std::int64_t take_rate(db::Connection& c, const std::string& user_id, Channel channel, Instant window_start);

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
