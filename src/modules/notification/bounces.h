#pragma once

#include <string>

#include "notification/notification_types.h"
#include "platform/clock/clock.h"
#include "platform/core/result.h"
#include "platform/db/database.h"

namespace slotbase::notification {

/// What Resend tells of e-mails after it took them, by webhook (Svix-signed, checked against the
/// `whsec_` secret with five minutes' tolerance): `email.bounced` fails the message and marks the
/// address undeliverable, `email.complained` (marked as spam) marks it undeliverable too,
/// `email.delivered` marks the message delivered. Each is added to the message's attempts once
/// (by the webhook's svix-id): a repeat changes nothing. Other events, and e-mails that are not
/// ours, are taken and ignored. Thread-safe.
class ResendWebhooks {
 public:
  ResendWebhooks(db::Database& db, const Clock& clock, std::string secret)
      : db_(db), clock_(clock), secret_(std::move(secret)) {}

  /// malformed for a missing, bad or old signature or a body that is not a JSON event; not_found
  /// when no webhook secret is configured.
  Result<void> receive(const std::string& payload, const WebhookSignature& signature) const;

 private:
  db::Database& db_;
  const Clock& clock_;
  std::string secret_;
};

}  // namespace slotbase::notification
