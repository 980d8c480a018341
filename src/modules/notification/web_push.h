#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/jobs.h"
#include "push_subscriptions.h"
#include "rules/web_push.h"

namespace slotbase::notification {

/// The job that sends one push message to one device: {"notification_id"}.
inline constexpr const char* kSendPushJob = "notification.send_push";
/// A push refused for now (429, 5xx, no answer) is tried this many times in all, as e-mail is.
inline constexpr int kPushAttempts = 6;
/// How long a push service keeps a message for a device that is offline (RFC 8030 TTL).
inline constexpr std::chrono::seconds kPushTtl = std::chrono::hours(24);
/// How long a VAPID token is good for (RFC 8292: at most 24 hours).
inline constexpr std::chrono::seconds kVapidLifetime = std::chrono::hours(12);

/// The application server's identity towards push services (RFC 8292): its P-256 key pair, made
/// on first start and kept in DATA_DIR/secrets/vapid.key (the private scalar, base64url, mode
/// 0600), and the contact its tokens name.
struct Vapid {
  rules::P256Key key;
  std::string public_key;  // base64url of the uncompressed point: the browsers' applicationServerKey
  std::string subject;     // "mailto:..." or "https://..."
};
/// Reads the key, or makes and keeps a new one; std::runtime_error when the file holds no key.
Vapid load_or_create_vapid(const std::string& data_dir, std::string subject);

/// How posting one message to a push service went.
struct PushOutcome {
  rules::PushVerdict verdict = rules::PushVerdict::delivered;
  long status = 0;  // the push service's HTTP status, 0 when it did not answer
  std::string error;
  std::optional<std::chrono::seconds> retry_after;  // a 429's or 503's Retry-After in seconds
};

/// One push message on the wire (RFC 8030 section 5).
struct PushRequest {
  std::string endpoint;
  std::string body;           // the aes128gcm body (rules::encrypt)
  std::string authorization;  // rules::vapid_authorization
  std::chrono::seconds ttl{0};
  std::string urgency = "normal";  // very-low | low | normal | high
};

/// Posts push messages with libcurl: `Content-Encoding: aes128gcm`, TTL, Urgency and the VAPID
/// Authorization. Only https, unless `allow_loopback_http` (a local push service, tests).
/// Thread-safe: each message has its own connection.
class WebPushClient {
 public:
  explicit WebPushClient(bool allow_loopback_http);
  PushOutcome post(const PushRequest& request) const;

 private:
  bool allow_loopback_http_;
};

/// Sends queued push messages, one job each (kSendPushJob): encrypts the message for its device,
/// signs a VAPID token for the push service and posts it. Delivered: the row is `sent`. Gone
/// (404, 410): the subscription is deleted and the row `failed`. Refused for now: tried again
/// 1, 4, 16, 64, 256 minutes later (retry_delay, or the service's Retry-After if longer) until
/// kPushAttempts. Refused for good (another 4xx): `failed`. The subscription keeps its last
/// success and failure count. Thread-safe.
class PushDelivery {
 public:
  PushDelivery(db::Database& db, const Clock& clock, const events::JobQueue& jobs, PushSubscriptions& subscriptions,
               const Vapid& vapid, WebPushClient client)
      : db_(db), clock_(clock), jobs_(jobs), subscriptions_(subscriptions), vapid_(vapid), client_(client) {}

  void send(const events::Job& job) const;

 private:
  db::Database& db_;
  const Clock& clock_;
  const events::JobQueue& jobs_;
  PushSubscriptions& subscriptions_;
  const Vapid& vapid_;
  WebPushClient client_;
};

}  // namespace slotbase::notification
