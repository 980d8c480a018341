#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/clock/clock.h"
#include "platform/core/result.h"
#include "platform/core/time.h"
#include "platform/db/database.h"

namespace slotbase::notification {

/// One browser's push subscription: where to post (the push resource) and the keys to encrypt
/// for (base64url, as the browser gave them).
struct PushSubscription {
  std::string id;
  std::string user_id;
  std::string endpoint;
  std::string p256dh;
  std::string auth;
  Instant created_at{};
  std::optional<Instant> last_success_at;
  int failure_count = 0;
  std::optional<std::string> last_error;
};

/// A subscription as a client hands it over.
struct PushSubscriptionInput {
  std::string endpoint;
  std::string p256dh;
  std::string auth;
};

struct Subscribed {
  PushSubscription subscription;
  bool created = false;  // false: the endpoint was known (its keys and owner now these)
};

/// The `push_subscriptions` table, and the rules for what goes in it. Thread-safe.
class PushSubscriptions {
 public:
  /// `allow_loopback_http`: accept http://127.0.0.1 endpoints (a local push service, tests).
  PushSubscriptions(db::Database& db, const Clock& clock, bool allow_loopback_http)
      : db_(db), clock_(clock), allow_loopback_http_(allow_loopback_http) {}

  /// Keeps the user's subscription, once per endpoint: the same endpoint again updates its keys,
  /// and moves it to this user if another had it (the device is whoever opted in on it last).
  /// invalid_argument naming "endpoint", "keys.p256dh" or "keys.auth" (rules/web_push.h).
  Result<Subscribed> subscribe(const std::string& user_id, const PushSubscriptionInput& in);
  /// Forgets the user's subscription of this endpoint; not_found when the user has none there
  /// (another user's is not theirs to remove).
  Result<void> unsubscribe(const std::string& user_id, const std::string& endpoint);

  /// The user's devices, oldest first.
  std::vector<PushSubscription> of_user(const std::string& user_id) const;
  std::optional<PushSubscription> find(const std::string& id) const;

  /// After a delivery, in the caller's transaction: success clears the failure count; a failure
  /// counts and says why.
  static void record_success(db::Connection& tx, const std::string& id, Instant now);
  static void record_failure(db::Connection& tx, const std::string& id, const std::string& error, Instant now);
  /// The push service says the subscription is gone (404, 410): it is deleted.
  static void remove(db::Connection& tx, const std::string& id);

 private:
  db::Database& db_;
  const Clock& clock_;
  bool allow_loopback_http_;
};

}  // namespace slotbase::notification
