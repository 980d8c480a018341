#include "bounces.h"

#include <nlohmann/json.hpp>

#include "notification_repository.h"
#include "rules/svix_signature.h"

namespace slotbase::notification {

Result<void> ResendWebhooks::receive(const std::string& payload, const WebhookSignature& signature) const {
  if (secret_.empty()) return Error::not_found("Resend webhooks are not configured here.");
  const Instant now = clock_.now();
  switch (rules::verify_svix(secret_, signature.id, signature.timestamp, signature.signature, payload,
                             epoch_seconds(now))) {
    case rules::SvixCheck::ok:
      break;
    case rules::SvixCheck::too_old:
      return Error::malformed("The webhook's signature is too old.");
    case rules::SvixCheck::malformed:
      return Error::malformed("The webhook has no valid svix-id, svix-timestamp and svix-signature.");
    case rules::SvixCheck::mismatch:
      return Error::malformed("The webhook's signature does not match.");
  }
  const auto event = nlohmann::json::parse(payload, nullptr, false);
  if (!event.is_object() || !event.contains("type") || !event["type"].is_string() || !event.contains("data") ||
      !event["data"].is_object())
    return Error::malformed("The webhook's body is not a Resend event.");
  const std::string type = event["type"];
  const auto& data = event["data"];
  if (type != "email.bounced" && type != "email.complained" && type != "email.delivered") return Ok{};
  if (!data.contains("email_id") || !data["email_id"].is_string()) return Ok{};
  const std::string email_id = data["email_id"];

  db_.transact([&](db::Connection& tx) {
    auto n = NotificationRepository::by_provider_id(tx, email_id, Channel::email);
    if (!n) return;  // not one of ours (another sender on the same Resend account)
    const std::string key = "resend:" + signature.id;
    if (type == "email.delivered") {
      if (n->status == DeliveryStatus::sent)
        NotificationRepository::set_status(tx, n->id, DeliveryStatus::delivered, std::nullopt, now);
      NotificationRepository::log_attempt(tx, key, n->id, {now, "resend", "delivered", std::nullopt});
      return;
    }
    std::string reason = type == "email.bounced" ? "bounced" : "marked as spam by the recipient";
    if (type == "email.bounced" && data.contains("bounce") && data["bounce"].is_object()) {
      const auto& b = data["bounce"];
      if (b.contains("message") && b["message"].is_string()) reason += ": " + b["message"].get<std::string>();
    }
    NotificationRepository::mark_undeliverable(
        tx, {Channel::email, n->recipient, n->user_id, reason, "resend", n->id.str()}, now);
    if (type == "email.bounced" && n->status != DeliveryStatus::failed)
      NotificationRepository::set_status(tx, n->id, DeliveryStatus::failed, reason, now);
    NotificationRepository::log_attempt(tx, key, n->id,
                                        {now, "resend", type == "email.bounced" ? "bounced" : "complained", reason});
  });
  return Ok{};
}

}  // namespace slotbase::notification
